import type pg from 'pg';
import { quoteIdentifier } from '@cdc-lab/03-logical-streamer/replication';

/**
 * The signal table, as in Debezium: <schema>.cdc_signals (id, type, data). It is in the
 * publication, so a row inserted into it reaches the program through the stream, in order with
 * the data changes — which is what makes it usable for watermarks too.
 *
 *   execute-snapshot        data {"data-collections": ["public.items"]}: snapshot those tables
 *   pause-snapshot          finish the current chunk, start no new one
 *   resume-snapshot         go on
 *   snapshot-window-open    written by the program: the low watermark of a chunk
 *   snapshot-window-close   written by the program: the high watermark
 *
 * A watermark's data is {"id": "<chunk id>", "data-collection": "public.items", "after": [<key
 * text>…] | null}: which chunk, of which table, starting after which key.
 */
export const SIGNAL_TABLE_NAME = 'cdc_signals';

export type SignalType = 'execute-snapshot' | 'pause-snapshot' | 'resume-snapshot' | 'snapshot-window-open' | 'snapshot-window-close';

export function signalTableName(schema: string): string {
  return `${schema}.${SIGNAL_TABLE_NAME}`;
}

export async function ensureSignalTable(client: pg.ClientBase, schema: string): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${quoteIdentifier(schema)}.${quoteIdentifier(SIGNAL_TABLE_NAME)} (
    "id" text PRIMARY KEY, "type" text NOT NULL, "data" text)`);
}

export async function writeSignal(client: pg.ClientBase, schema: string, id: string, type: SignalType, data: unknown): Promise<void> {
  await client.query(`INSERT INTO ${quoteIdentifier(schema)}.${quoteIdentifier(SIGNAL_TABLE_NAME)} ("id", "type", "data") VALUES ($1, $2, $3)`, [id, type, JSON.stringify(data)]);
}
