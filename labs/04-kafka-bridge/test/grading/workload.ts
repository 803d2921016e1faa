import { Lsn } from '@cdc-lab/common';
import type { TestDatabase } from '@cdc-lab/grading';

/** A committed transaction, as the grader knows it. */
export interface Committed {
  /** The 32-bit transaction id, as pgoutput's Begin (and so source.txId) carries it. */
  xid: number;
  /**
   * The WAL position just before it began: its commit lies after this, so a slot confirmed
   * beyond it has been told that the transaction is handled.
   */
  lsnBefore: Lsn;
}

/** Run statements as one transaction and return its xid. */
export async function commit(db: TestDatabase, statements: readonly (string | { sql: string; params?: unknown[] })[]): Promise<Committed> {
  const before = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const xid = await db.transaction(async (client) => {
    const result = await client.query<{ xid: string }>('SELECT txid_current()::text AS xid');
    for (const statement of statements) {
      if (typeof statement === 'string') await client.query(statement);
      else await client.query(statement.sql, statement.params ?? []);
    }
    // txid_current() adds the epoch above the 32 bits; the stream's xid is the low 32 bits.
    return Number(BigInt(result.rows[0]!.xid) & 0xffffffffn);
  });
  return { xid, lsnBefore: Lsn.parse(before.rows[0]!.lsn) };
}

/** The chapter's table. */
export async function createUsers(db: TestDatabase, schema = 'public'): Promise<void> {
  await db.query(`CREATE TABLE "${schema}"."users" ("id" integer PRIMARY KEY, "name" text NOT NULL, "email" text)`);
}

export function insertUser(id: number, name: string, email: string | null = null): { sql: string; params: unknown[] } {
  return { sql: 'INSERT INTO "public"."users" ("id", "name", "email") VALUES ($1, $2, $3)', params: [id, name, email] };
}
