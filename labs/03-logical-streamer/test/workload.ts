import { commitTransaction, type CommittedTransaction, type TestDatabase } from '@cdc-lab/grading';

/** The table of the chapter's examples. */
export async function createUsers(db: TestDatabase): Promise<void> {
  await db.query('CREATE TABLE "public"."users" ("id" integer PRIMARY KEY, "name" text NOT NULL)');
}

/** A committed transaction, as the grader knows it: its xid (as test_decoding prints it) and where it lies in the WAL. */
export type Committed = CommittedTransaction;

/** Run statements as one transaction. */
export async function commit(db: TestDatabase, statements: readonly { sql: string; params?: unknown[] }[]): Promise<Committed> {
  return commitTransaction(db, async (client) => {
    for (const statement of statements) await client.query(statement.sql, statement.params ?? []);
  });
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
