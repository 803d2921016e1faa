import { todo, type CdcLabError } from '@cdc-lab/common';
import type { WalRange } from './capture-range.ts';
import { WaldumpUnavailableError, WalRangeError, type WaldumpExitError } from './errors.ts';

/**
 * pg_waldump reports problems as one line on stderr (failure.stderr). Turn the ones a user
 * meets into errors that say what happened and what to do; pass anything else on unchanged.
 */
export function explainWaldumpFailure(failure: WaldumpExitError, range: WalRange, walDirectory: string): CdcLabError {
  // TODO: `could not find file "<segment>"` means that segment is gone (recycled after a
  // checkpoint): return a WalRangeError naming range.start and the segment, with a hint
  // (inspect a fresh range; keep WAL with a slot or wal_keep_size). A `Permission denied`
  // deserves a WaldumpUnavailableError. Return `failure` itself for anything else.
  return todo('explain why pg_waldump failed', 'docs/02-wal-inspector.md#when-the-wal-cannot-be-read');
}
