import crypto from 'node:crypto';
import type pg from 'pg';
import { SIGNAL_TABLE } from '../connector/helper-tables.ts';

/**
 * Ask the running connector for an incremental snapshot of `tables` (`schema.table` each):
 * insert an `execute-snapshot` row into the signal table. The connector reads the insert from
 * the WAL like any change, recognises its signal table, and snapshots the tables in chunks
 * while it keeps streaming — lab 6's watermark idea: it writes a window-open and a window-close
 * row around each chunk, and a streamed change of a key inside the window wins over the chunk's
 * copy. Returns the signal's id.
 */
export async function requestIncrementalSnapshot(client: pg.ClientBase, tables: readonly string[]): Promise<string> {
  const id = crypto.randomUUID();
  const [schema, table] = SIGNAL_TABLE.split('.');
  await client.query(
    `INSERT INTO "${schema}"."${table}" ("id", "type", "data") VALUES ($1, 'execute-snapshot', $2)`,
    [id, JSON.stringify({ 'data-collections': tables, type: 'incremental' })],
  );
  return id;
}
