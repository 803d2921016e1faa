import type pg from 'pg';
import { todo, type Lsn } from '@cdc-lab/common';
import { assignXid, currentInsertLsn, requireSameTransaction, runStatement, waitUntilFlushed } from '../src/wal-positions.ts';

/**
 * The WAL is shared by the whole server, so a transaction's records are found by bracketing
 * it: a position before, a position after, and the transaction id in between. The queries are
 * given in wal-positions.ts; when to ask them is yours.
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
  // TODO: run every statement in one transaction and return the smallest range of WAL that
  // surely holds all its records, with the xid those records carry.
  // Which WAL position marks where the next record goes, and at which moments must you read
  // it so that the COMMIT record falls inside the range? When does asking for the xid give
  // the id that writes the rows? What must happen if a statement fails? And can pg_waldump
  // read the range's end as soon as COMMIT returns?
  return todo('bracket the transaction with WAL positions', 'docs/02-wal-inspector.md#bracketing-a-transaction');
}

export type CaptureTransaction = typeof captureTransaction;
