import { describe, expect, it } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import { WaldumpExitError, WaldumpUnavailableError, WalRangeError } from '../src/errors.ts';
import { explainWaldumpFailure } from '../src/waldump-failure.ts';

const range = { start: Lsn.parse('0/800028'), end: Lsn.parse('0/75B20C8') };
const failure = (stderr: string) => new WaldumpExitError(1, stderr, ['pg_waldump', '-s', '0/800028']);

// stderr as pg_waldump 15 writes it.
describe('explainWaldumpFailure', () => {
  it('names a missing segment as WAL recycled after a checkpoint', () => {
    const error = explainWaldumpFailure(failure('pg_waldump: error: could not find file "000000010000000000000000": No such file or directory\n'), range, '/data/pg_wal');
    expect(error).toBeInstanceOf(WalRangeError);
    expect(error.message).toMatch(/0\/800028 is no longer on disk: segment 000000010000000000000000 is not in \/data\/pg_wal/);
    expect(error.hint).toMatch(/fresh range.*walinspect/);
  });

  it('names a file it may not read as a permission problem', () => {
    const error = explainWaldumpFailure(failure('pg_waldump: error: could not open file "/data/pg_wal/000000010000000000000003": Permission denied\n'), range, '/data/pg_wal');
    expect(error).toBeInstanceOf(WaldumpUnavailableError);
  });

  it('names a range that runs past the written WAL', () => {
    const error = explainWaldumpFailure(failure('pg_waldump: error: error in WAL record at 0/75B20C8: invalid record length at 0/75B2100: wanted 24, got 0\n'), range, '/data/pg_wal');
    expect(error).toBeInstanceOf(WalRangeError);
    expect(error.hint).toMatch(/pg_current_wal_flush_lsn/);
  });

  it('passes anything else on with pg_waldump\'s own words', () => {
    const original = failure('pg_waldump: error: something new\n');
    expect(explainWaldumpFailure(original, range, '/data/pg_wal')).toBe(original);
    expect(original.message).toMatch(/exit code 1.*something new/);
  });
});
