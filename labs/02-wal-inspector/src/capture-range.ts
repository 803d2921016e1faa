import type pg from 'pg';
import type { Lsn } from '@cdc-lab/common';
import { assignXid, currentInsertLsn, requireSameTransaction, runStatement, waitUntilFlushed } from './wal-positions.ts';

/**
 * Find a transaction's records by bracketing it: note the WAL insert position before it
 * starts and after it commits, and its transaction id while it runs. The insert position is
 * the one that brackets records (the write and flush positions lag behind it). A tool that
 * reads the files — pg_waldump — needs the end of the range on disk, and pg_walinspect
 * refuses an end past the flush position, so after the commit we wait until the flush
 * position has caught up with the end.
 */
export interface WalRange {
  start: Lsn;
  end: Lsn;
}

export interface CapturedTransaction {
  /** The transaction id as the WAL records carry it (32 bits: the epoch is not written). */
  xid: number;
  range: WalRange;
  statementCount: number;
}

export interface Statement {
  /** What the user gave: a statement, or a file's contents (which may hold several). */
  sql: string;
  /** For messages: "statement 2" or "file changes.sql". */
  label: string;
}

export async function captureTransaction(client: pg.Client, statements: readonly Statement[], serverVersionNum: number): Promise<CapturedTransaction> {
  const start = await currentInsertLsn(client);
  await client.query('BEGIN');
  let xid: number;
  try {
    xid = await assignXid(client, serverVersionNum);
    for (const statement of statements) await runStatement(client, statement);
    await requireSameTransaction(client, xid, serverVersionNum);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  const end = await currentInsertLsn(client);
  await waitUntilFlushed(client, end);
  return { xid, range: { start, end }, statementCount: statements.length };
}

export type CaptureTransaction = typeof captureTransaction;
