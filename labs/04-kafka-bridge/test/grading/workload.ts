import { commitTransaction, type CommittedTransaction, type TestDatabase } from '@cdc-lab/grading';

/**
 * A committed transaction, as the grader knows it: its 32-bit xid (as pgoutput's Begin, and so
 * source.txId, carries it) and where it lies in the WAL (see commitRecordOf for what confirms it).
 */
export type Committed = CommittedTransaction;

/** Run statements as one transaction. */
export async function commit(db: TestDatabase, statements: readonly (string | { sql: string; params?: unknown[] })[]): Promise<Committed> {
  return commitTransaction(db, async (client) => {
    for (const statement of statements) {
      if (typeof statement === 'string') await client.query(statement);
      else await client.query(statement.sql, statement.params ?? []);
    }
  });
}

/** The chapter's table. */
export async function createUsers(db: TestDatabase, schema = 'public'): Promise<void> {
  await db.query(`CREATE TABLE "${schema}"."users" ("id" integer PRIMARY KEY, "name" text NOT NULL, "email" text)`);
}

export function insertUser(id: number, name: string, email: string | null = null): { sql: string; params: unknown[] } {
  return { sql: 'INSERT INTO "public"."users" ("id", "name", "email") VALUES ($1, $2, $3)', params: [id, name, email] };
}
