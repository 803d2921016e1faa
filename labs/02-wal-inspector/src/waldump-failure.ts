import type { CdcLabError } from '@cdc-lab/common';
import type { WalRange } from './capture-range.ts';
import { WaldumpUnavailableError, WalRangeError, type WaldumpExitError } from './errors.ts';

/**
 * pg_waldump reports problems as one line on stderr. The ones a user meets here have a cause
 * worth naming:
 *
 *   could not find file "000000010000000000000001"   the segment is gone: after a checkpoint,
 *       Postgres removes or recycles (renames for reuse) segments nobody needs any more — no
 *       replication slot holds them, wal_keep_size does not ask to keep them
 *   could not open file "…": Permission denied         pg_wal is listable but a file is not readable
 *   invalid record length at …: wanted 24, got 0       the range runs past the WAL written so far
 */
export function explainWaldumpFailure(failure: WaldumpExitError, range: WalRange, walDirectory: string): CdcLabError {
  const missing = /could not find file "([0-9A-F]{24})"/.exec(failure.stderr);
  if (missing) {
    return new WalRangeError(`the WAL at ${range.start} is no longer on disk: segment ${missing[1]} is not in ${walDirectory} `
      + '(removed or recycled after a checkpoint)', {
      hint: 'inspect a fresh range (run a statement instead of --start), or keep WAL from being recycled with a replication slot or wal_keep_size; '
        + 'if that directory is not the server\'s own pg_wal, --backend walinspect reads the server\'s copy',
    });
  }
  const denied = /could not open file "([^"]+)": Permission denied/.exec(failure.stderr);
  if (denied) {
    return new WaldumpUnavailableError(`pg_waldump may not read ${denied[1]}`, {
      hint: 'WAL files belong to the server\'s OS user (usually postgres): run as that user or as root, or use --backend walinspect',
    });
  }
  if (/invalid record length|invalid magic number|record with incorrect prev-link|error in WAL record/.test(failure.stderr)) {
    return new WalRangeError(`pg_waldump could not read the whole range ${range.start} .. ${range.end}: ${lastLine(failure.stderr)}`, {
      hint: 'the end of the range may lie past the WAL written to disk so far, or the range crosses WAL of another server; '
        + 'check --end against SELECT pg_current_wal_flush_lsn()',
    });
  }
  return failure;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.replace(/^pg_waldump: (error: )?/, '') ?? '';
}
