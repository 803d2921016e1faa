import { Lsn } from '@cdc-lab/common';
import type pg from 'pg';
import type { TestDatabase } from './database.ts';

/**
 * When has a slot been told that a transaction is handled?
 *
 * On restart, logical decoding skips a transaction whose commit record *starts* before the
 * slot's confirmed_flush_lsn, and sends it again otherwise. So the one position that decides is
 * the start of the commit record — not the position before BEGIN. A correct program that is
 * idle may confirm a keepalive's position that falls *inside* a transaction still being
 * written (between its BEGIN and its COMMIT): that confirms nothing of it, and a grader that
 * compared with the position before BEGIN would fail that program now and then.
 */
export interface CommitRecord {
  /** The 32-bit transaction id, as the WAL and the replication stream carry it. */
  xid: number;
  /** Where the commit record starts (pgoutput's Begin final_lsn, the Commit message's commit_lsn). */
  start: Lsn;
  /** Where it ends (the Commit message's end_lsn): the position a program confirms once it is done. */
  end: Lsn;
}

/** Whether a slot confirmed up to `confirmed` would skip this transaction after a restart. */
export function confirmsTransaction(confirmed: Lsn | null | undefined, commit: CommitRecord): boolean {
  return confirmed !== null && confirmed !== undefined && confirmed.isAfter(commit.start);
}

/** A transaction the grader committed, with what it knows of where it lies in the WAL. */
export interface CommittedTransaction {
  xid: number;
  /** The insert position before BEGIN: everything the transaction wrote lies after it. */
  lsnBefore: Lsn;
  /** The insert position read as the last statement before COMMIT: the commit record starts at or after it. */
  lsnAtCommit: Lsn;
}

/**
 * Run statements as one transaction and note where it lies in the WAL. The xid is taken from
 * txid_current() (64 bits with the epoch) and cut to the 32 bits the WAL carries.
 */
export async function commitTransaction(
  db: TestDatabase,
  work: (client: pg.PoolClient) => Promise<void>,
): Promise<CommittedTransaction> {
  const before = await db.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return db.transaction(async (client) => {
    const xid = await client.query<{ xid: string }>('SELECT txid_current()::text AS xid');
    await work(client);
    const atCommit = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    return {
      xid: Number(BigInt(xid.rows[0]!.xid) & 0xffffffffn),
      lsnBefore: Lsn.parse(before.rows[0]!.lsn),
      lsnAtCommit: Lsn.parse(atCommit.rows[0]!.lsn),
    };
  });
}

const walinspect = new WeakMap<TestDatabase, Promise<boolean>>();

/** pg_walinspect (PostgreSQL 15+) reads WAL records over SQL; the stage's database gets it once. */
function hasWalinspect(db: TestDatabase): Promise<boolean> {
  let ready = walinspect.get(db);
  if (!ready) {
    ready = db.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect').then(() => true, () => false);
    walinspect.set(db, ready);
  }
  return ready;
}

/**
 * The commit record of the first transaction after `from` that wrote rows of `table`, for
 * stages where a program under test commits and the grader does not know the xid. Without
 * pg_walinspect (PostgreSQL 14), `from` stands in for the start: a stricter check that a
 * keepalive between `from` and that commit could mislead.
 */
export async function firstCommitWriting(db: TestDatabase, table: string, from: Lsn): Promise<CommitRecord> {
  if (!(await hasWalinspect(db))) return { xid: 0, start: from, end: from };
  // A heap record names its relation as "rel <tablespace>/<database>/<relfilenode>".
  const written = await db.query<{ xid: string }>(
    `SELECT w.xid::text
       FROM pg_get_wal_records_info($1::pg_lsn, pg_current_wal_flush_lsn()) AS w
      WHERE w.resource_manager LIKE 'Heap%' AND w.xid::text <> '0'
        AND w.block_ref LIKE '%/' || (SELECT oid FROM pg_database WHERE datname = current_database()) || '/' || pg_relation_filenode($2::regclass) || ' %'
      ORDER BY w.start_lsn LIMIT 1`,
    [from.toString(), table],
  );
  const xid = written.rows[0]?.xid;
  if (!xid) throw new Error(`no transaction wrote ${table} after ${from.toString()}`);
  return commitRecordOf(db, { xid: Number(xid), lsnBefore: from, lsnAtCommit: from });
}

/**
 * Find a committed transaction's commit record in the WAL with pg_walinspect. Where that
 * extension is missing (PostgreSQL 14), the position read just before COMMIT stands in for the
 * start: the record starts at or after it, so the check errs towards "confirmed", and only a
 * keepalive landing in the microseconds between that read and the COMMIT could mislead it.
 */
export async function commitRecordOf(db: TestDatabase, transaction: CommittedTransaction): Promise<CommitRecord> {
  if (!(await hasWalinspect(db))) {
    return { xid: transaction.xid, start: transaction.lsnAtCommit, end: transaction.lsnAtCommit };
  }
  // The COMMIT returned, so its record is flushed unless commits are asynchronous: wait briefly.
  const deadline = Date.now() + 5_000;
  for (;;) {
    // Until the flush position passes the start, pg_walinspect refuses the range: try again.
    const found = await db.query<{ start_lsn: string; end_lsn: string }>(
      `SELECT start_lsn::text, end_lsn::text
         FROM pg_get_wal_records_info($1::pg_lsn, pg_current_wal_flush_lsn())
        WHERE resource_manager = 'Transaction' AND record_type LIKE 'COMMIT%' AND xid::text = $2
        ORDER BY start_lsn LIMIT 1`,
      [transaction.lsnAtCommit.toString(), String(transaction.xid)],
    ).catch(() => ({ rows: [] as { start_lsn: string; end_lsn: string }[] }));
    const row = found.rows[0];
    if (row) return { xid: transaction.xid, start: Lsn.parse(row.start_lsn), end: Lsn.parse(row.end_lsn) };
    if (Date.now() > deadline) throw new Error(`no commit record of transaction ${transaction.xid} after ${transaction.lsnAtCommit.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
