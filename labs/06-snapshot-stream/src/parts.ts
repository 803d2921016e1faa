import type pg from 'pg';
import type { Lsn } from '@cdc-lab/common';
import { dropChangedRows } from './incremental/watermark-dedup.ts';
import { readChunk } from './snapshot/chunk-reader.ts';
import { createSlotWithExportedSnapshot } from './snapshot/exported-slot.ts';
import { beginSnapshotTransaction } from './snapshot/snapshot-transaction.ts';

/**
 * The steps of the lesson, as replaceable parts: the program takes them as arguments so that
 * the grader's broken variants (test/broken/) can each get exactly one of them wrong.
 */
export interface Parts {
  createSlotWithExportedSnapshot: typeof createSlotWithExportedSnapshot;
  beginSnapshotTransaction: typeof beginSnapshotTransaction;
  readChunk: typeof readChunk;
  dropChangedRows: typeof dropChangedRows;
  /** Where streaming starts: undefined means the slot's own position (its consistent point, at first). */
  streamStart: (sql: pg.Client, consistentPoint: Lsn) => Promise<Lsn | undefined>;
}

export const referenceParts: Parts = {
  createSlotWithExportedSnapshot,
  beginSnapshotTransaction,
  readChunk,
  dropChangedRows,
  streamStart: async () => undefined,
};
