import { describe, expect, it } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import { segmentOf } from '../src/segments.ts';

const MB = 1024 * 1024;

describe('segmentOf', () => {
  // Each expectation is what pg_walfile_name_offset() returned on a PostgreSQL 15 server
  // (timeline 1, 16 MB segments).
  it.each([
    ['0/75B1F00', '000000010000000000000007', 5971712],
    ['0/1000028', '000000010000000000000001', 40],
    ['0/FFFFFF8', '00000001000000000000000F', 16777208],
    ['1/28', '000000010000000100000000', 40],
    ['A/B0000028', '000000010000000A000000B0', 40],
    ['FF/FFFFFFF8', '00000001000000FF000000FF', 16777208],
  ])('puts %s in %s at offset %d, as pg_walfile_name_offset does', (lsn, fileName, offset) => {
    expect(segmentOf(Lsn.parse(lsn), 16 * MB, 1)).toMatchObject({ fileName, offset });
  });

  it('starts a new segment exactly at a multiple of the segment size', () => {
    // pg_walfile_name_offset('0/5000000') answers 000000010000000000000004 offset 0: it names
    // the segment that *ends* there. No record starts at offset 0 (a segment opens with a
    // 40-byte header), so for record positions both agree.
    expect(segmentOf(Lsn.parse('0/5000000'), 16 * MB, 1)).toMatchObject({ fileName: '000000010000000000000005', offset: 0, segmentNumber: 5n });
  });

  it('writes the timeline in the first eight digits', () => {
    expect(segmentOf(Lsn.parse('0/3000060'), 16 * MB, 0x1a).fileName).toBe('0000001A0000000000000003');
  });

  it('follows the segment size chosen at initdb', () => {
    // 64 MB: 64 segments per 4 GB, so 1/4000028 is segment 0x41 = xlogid 1, segment 1.
    expect(segmentOf(Lsn.parse('1/4000028'), 64 * MB, 1)).toMatchObject({ fileName: '000000010000000100000001', offset: 40, segmentNumber: 0x41n });
    // 1 MB: 4096 segments per 4 GB.
    expect(segmentOf(Lsn.parse('0/ABC1234'), 1 * MB, 1)).toMatchObject({ fileName: '0000000100000000000000AB', offset: 0xC1234 });
    // 1 GB: 4 segments per 4 GB.
    expect(segmentOf(Lsn.parse('2/C0000100'), 1024 * MB, 1)).toMatchObject({ fileName: '000000010000000200000003', offset: 0x100 });
  });
});
