import type pg from 'pg';
import { Lsn, isPostgresError } from '@cdc-lab/common';
import type { Statement, WalRange } from './capture-range.ts';
import { StatementError, WalRangeError } from './errors.ts';

/**
 * The queries that bracketing a transaction is built from. Postgres offers three positions:
 *
 *   pg_current_wal_insert_lsn()  where the next record will be inserted (in memory)
 *   pg_current_wal_lsn()         how far WAL has been written to the operating system
 *   pg_current_wal_flush_lsn()   how far WAL is safely on disk
 *
 * always insert ≥ write ≥ flush. Which one to take, and when, is the lesson
 * (capture-range.ts); asking for them is given here.
 */

const FLUSH_TIMEOUT_MS = 10_000;

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

/** One of the user's statements; a Postgres error becomes a StatementError that says nothing was committed. */
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
export async function requireSameTransaction(client: pg.Client, xid: number, serverVersionNum: number): Promise<void> {
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

export async function currentFlushLsn(client: pg.Client): Promise<Lsn> {
  const result = await client.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
  return Lsn.parse(result.rows[0]!.lsn);
}

/**
 * Wait until the WAL up to `lsn` is on disk. A synchronous commit is flushed before COMMIT
 * returns, but records other sessions inserted after it may still sit in memory; the WAL
 * writer flushes them within wal_writer_delay.
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
