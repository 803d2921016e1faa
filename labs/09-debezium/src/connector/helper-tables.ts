import type pg from 'pg';

/**
 * Two small tables Debezium is told about, in a schema of their own:
 *  - heartbeat: every heartbeat.interval.ms the connector runs heartbeat.action.query, an
 *    UPSERT here. The write goes through the WAL and the publication like any change, so the
 *    connector sees a recent position and can confirm it — on a database whose captured
 *    tables are quiet while others are busy, the slot would otherwise hold WAL back (lab 3).
 *  - signal: rows the connector reads from the WAL as instructions (signal.data.collection);
 *    `execute-snapshot` starts an incremental snapshot (lab 6, without stopping the stream).
 * The column layout of the signal table is Debezium's: id, type, data.
 */
export const HELPER_SCHEMA = 'debezium';
export const HEARTBEAT_TABLE = `${HELPER_SCHEMA}.heartbeat`;
export const SIGNAL_TABLE = `${HELPER_SCHEMA}.signal`;

export const HELPER_TABLES_SQL = `
CREATE SCHEMA IF NOT EXISTS "debezium";
CREATE TABLE IF NOT EXISTS "debezium"."heartbeat" ("id" integer PRIMARY KEY, "beat_at" timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS "debezium"."signal" ("id" varchar(42) PRIMARY KEY, "type" varchar(32) NOT NULL, "data" varchar(2048));`;

export async function ensureHelperTables(client: pg.ClientBase): Promise<void> {
  try {
    await client.query(HELPER_TABLES_SQL);
  } catch (error) {
    // Two programs creating them at once: one wins, the other finds them there.
    if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42P07') throw error;
  }
}
