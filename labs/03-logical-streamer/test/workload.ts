import { Lsn } from '@cdc-lab/common';
import type { TestDatabase } from '@cdc-lab/grading';

/** The table of the chapter's examples. */
export async function createUsers(db: TestDatabase): Promise<void> {
  await db.query('CREATE TABLE "public"."users" ("id" integer PRIMARY KEY, "name" text NOT NULL)');
}

/** A committed transaction, as the grader knows it. */
export interface Committed {
  /** Its transaction id, as test_decoding prints it after BEGIN and COMMIT. */
  xid: string;
  /**
   * The WAL position just before it began. Its commit record lies after this, so a slot whose
   * confirmed_flush_lsn is beyond it has been told that this transaction is handled.
   */
  lsnBefore: Lsn;
}

/** Run statements as one transaction and return its xid. */
export async function commit(db: TestDatabase, statements: readonly { sql: string; params?: unknown[] }[]): Promise<Committed> {
  const before = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const xid = await db.transaction(async (client) => {
    const result = await client.query<{ xid: string }>('SELECT txid_current()::text AS xid');
    for (const statement of statements) await client.query(statement.sql, statement.params ?? []);
    return result.rows[0]!.xid;
  });
  return { xid, lsnBefore: Lsn.parse(before.rows[0]!.lsn) };
}

export function insertUser(id: number, name: string): { sql: string; params: unknown[] } {
  return { sql: 'INSERT INTO "public"."users" ("id", "name") VALUES ($1, $2)', params: [id, name] };
}

/** The line test_decoding prints for insertUser(id, name). */
export function insertLine(id: number, name: string): string {
  return `table public.users: INSERT: id[integer]:${id} name[text]:${quoted(name)}`;
}

export function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
