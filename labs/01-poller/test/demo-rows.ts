import type pg from 'pg';

/** What the grader wrote, read back from poller.users. */
export interface WrittenRow {
  id: string;
  name: string;
  /** UTC with microseconds. */
  updatedAt: string;
}

const RETURNING = `RETURNING "id"::text AS "id", "name",
  to_char("updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"`;

/** The stage's database, or a session of its own (a transaction kept open). */
interface Queryable {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Insert rows with one statement: one transaction, so they all share one updated_at. */
export async function insertUsers(db: Queryable, names: readonly string[]): Promise<WrittenRow[]> {
  const result = await db.query<WrittenRow>(`INSERT INTO "poller"."users" ("name") SELECT unnest($1::text[]) ${RETURNING}`, [names]);
  return [...result.rows].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

export async function insertUser(db: Queryable, name: string): Promise<WrittenRow> {
  const [row] = await insertUsers(db, [name]);
  return row!;
}

export async function renameUser(db: Queryable, id: string, name: string): Promise<WrittenRow> {
  const result = await db.query<WrittenRow>(`UPDATE "poller"."users" SET "name" = $2 WHERE "id" = $1 ${RETURNING}`, [id, name]);
  return result.rows[0]!;
}

/** Whether the timestamp has digits below the millisecond (it does 999 times in 1000). */
export function hasMicroseconds(row: WrittenRow): boolean {
  return !/\.\d{3}000Z$/.test(row.updatedAt);
}
