import type pg from 'pg';
import { Lsn, isPostgresError } from '@cdc-lab/common';
import { StatementError, WalRangeError } from './errors.ts';

/**
 * Find a transaction's records by bracketing it: note the WAL position before it starts and
 * after it commits, and its transaction id while it runs. Postgres offers three positions:
 *
 *   pg_current_wal_insert_lsn()  where the next record will be inserted (in memory)
 *   pg_current_wal_lsn()         how far WAL has been written to the operating system
 *   pg_current_wal_flush_lsn()   how far WAL is safely on disk
 *
 * always insert ≥ write ≥ flush. The insert position is the one that brackets records (the
 * others lag behind it). A tool that reads the files — pg_waldump — needs the end of the range
 * on disk, and pg_walinspect refuses an end past the flush position, so after the commit we
 * wait until the flush position has caught up with the end.
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

const FLUSH_TIMEOUT_MS = 10_000;

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

/**
 * Asking for the transaction id assigns one now, before the first statement runs; the WAL
 * records carry the 32-bit xid, without the epoch that xid8 adds above it.
 */
export async function assignXid(client: pg.Client, serverVersionNum: number): Promise<number> {
  const currentXid = serverVersionNum >= 130000 ? 'pg_current_xact_id()' : 'txid_current()';
  const assigned = await client.query<{ xid: string }>(`SELECT ${currentXid}::text AS xid`);
  return Number(BigInt(assigned.rows[0]!.xid) & 0xFFFF_FFFFn);
}

/** An explicit range (--start/--end); the end defaults to what is on disk now. */
export async function explicitRange(client: pg.Client, start: Lsn, end?: Lsn): Promise<WalRange> {
  const flushed = await currentFlushLsn(client);
  const until = end ?? flushed;
  if (!until.isAfter(start)) {
    throw new WalRangeError(`the range ${start} .. ${until} is empty`, { hint: '--end must come after --start' });
  }
  if (until.isAfter(flushed)) {
    throw new WalRangeError(`--end ${until} lies past the WAL flushed to disk so far (${flushed})`, {
      hint: 'leave --end out to read up to the flush position',
    });
  }
  return { start, end: until };
}

export async function runStatement(client: pg.Client, statement: Statement): Promise<void> {
  try {
    await client.query(statement.sql);
  } catch (error) {
    if (!isPostgresError(error)) throw error;
    throw new StatementError(`${statement.label} failed: ${error.message} (SQLSTATE ${error.code})`, {
      code: error.code,
      hint: `${error.hint ? `${error.hint}; ` : ''}the transaction was rolled back, nothing was committed`,
      cause: error,
    });
  }
}

/** A COMMIT or ROLLBACK among the statements would end our transaction early: its records would be another xid's. */
async function requireSameTransaction(client: pg.Client, xid: number, serverVersionNum: number): Promise<void> {
  const ifAssigned = serverVersionNum >= 130000 ? 'pg_current_xact_id_if_assigned()' : 'txid_current_if_assigned()';
  const result = await client.query<{ xid: string | null }>(`SELECT ${ifAssigned}::text AS xid`);
  const current = result.rows[0]!.xid;
  if (current === null || Number(BigInt(current) & 0xFFFF_FFFFn) !== xid) {
    throw new StatementError(`the statements ended the inspector's transaction ${xid} (a COMMIT, ROLLBACK or BEGIN among them?)`, {
      hint: 'give the statements of one transaction without transaction control: the inspector wraps them in BEGIN … COMMIT itself',
    });
  }
}

export async function currentInsertLsn(client: pg.Client): Promise<Lsn> {
  const result = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return Lsn.parse(result.rows[0]!.lsn);
}

async function currentFlushLsn(client: pg.Client): Promise<Lsn> {
  const result = await client.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
  return Lsn.parse(result.rows[0]!.lsn);
}

/**
 * A synchronous commit is flushed before COMMIT returns, but records other sessions inserted
 * after it may still sit in memory; the WAL writer flushes them within wal_writer_delay.
 */
export async function waitUntilFlushed(client: pg.Client, lsn: Lsn): Promise<void> {
  const deadline = Date.now() + FLUSH_TIMEOUT_MS;
  for (let delayMs = 5; ; delayMs = Math.min(delayMs * 2, 200)) {
    if (!(await currentFlushLsn(client)).isBefore(lsn)) return;
    if (Date.now() > deadline) {
      throw new WalRangeError(`the WAL up to ${lsn} was not flushed within ${FLUSH_TIMEOUT_MS / 1000} s`, {
        hint: 'is the server overloaded, or wal_writer_delay very long?',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
