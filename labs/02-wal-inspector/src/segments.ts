import type { Lsn } from '@cdc-lab/common';

/**
 * Where a WAL position lives on disk. The WAL is one long byte stream cut into segment files
 * of `wal_segment_size` bytes (16 MB unless initdb chose otherwise), so a position is a segment
 * number and an offset inside that segment:
 *
 *   segment number = lsn / wal_segment_size        offset = lsn mod wal_segment_size
 *
 * A segment's file name is 24 hexadecimal digits: the timeline, then the segment number split
 * in two 8-digit halves. The split is at 4 GB of WAL (the "xlogid", the part of the LSN before
 * the slash), so the low half counts segments inside one 4 GB stretch:
 *
 *   00000001 00000000 00000003   timeline 1, LSN 0/3xxxxxx with 16 MB segments
 *
 * pg_walfile_name_offset(lsn) answers the same question on the server; the grader compares.
 */
export interface SegmentPosition {
  /** Counted from the start of the WAL, timeline-independent. */
  segmentNumber: bigint;
  /** The file in pg_wal, e.g. 000000010000000000000003. */
  fileName: string;
  /** Byte offset of the position inside that file. */
  offset: number;
}

const FOUR_GB = 0x1_0000_0000n;

export function segmentOf(lsn: Lsn, segmentSize: number, timeline: number): SegmentPosition {
  const size = BigInt(segmentSize);
  const segmentNumber = lsn.value / size;
  const segmentsPerXlogId = FOUR_GB / size;
  const fileName = hex8(BigInt(timeline)) + hex8(segmentNumber / segmentsPerXlogId) + hex8(segmentNumber % segmentsPerXlogId);
  return { segmentNumber, fileName, offset: Number(lsn.value % size) };
}

function hex8(value: bigint): string {
  return value.toString(16).toUpperCase().padStart(8, '0');
}
