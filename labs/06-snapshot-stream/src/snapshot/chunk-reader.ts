import type pg from 'pg';
import type { TupleValue } from '@cdc-lab/04-kafka-bridge/pgoutput';
import { quoteIdentifier } from '@cdc-lab/03-logical-streamer/replication';
import { TEXT_ONLY } from '../connections.ts';
import { quotedName, type SnapshotTable } from './tables.ts';

/** A primary key as the text of its columns, in key order: where the next chunk starts. */
export type KeyText = readonly string[];

export interface Chunk {
  /** Each row's values as pgoutput would send them: text, or null. */
  rows: TupleValue[][];
  /** The key of the last row, or null if the chunk is empty. */
  lastKey: KeyText | null;
  /** True when the table has no rows after this chunk. */
  isLast: boolean;
}

/**
 * Keyset pagination: the next `limit` rows after `after`, in primary-key order.
 *
 *   SELECT <columns> FROM t WHERE (k1, k2) > ($1, $2) ORDER BY k1, k2 LIMIT limit + 1
 *
 * The row comparison walks the primary-key index from where the last chunk ended, so every
 * chunk costs the same however deep into the table it is (OFFSET would rescan everything
 * before it), and memory holds one chunk. One row more than asked tells whether the table goes
 * on, so that the last row can be marked as the last without reading an empty chunk first.
 */
export async function readChunk(client: pg.ClientBase, table: SnapshotTable, after: KeyText | null, limit: number): Promise<Chunk> {
  const columns = table.relation.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const key = table.keyColumns.map(quoteIdentifier).join(', ');
  const where = after === null ? '' : `WHERE (${key}) > (${after.map((_, index) => `$${index + 1}`).join(', ')})`;
  const result = await client.query<Record<string, string | null>>({
    text: `SELECT ${columns} FROM ${quotedName(table)} ${where} ORDER BY ${key} LIMIT ${limit + 1}`,
    values: after === null ? [] : [...after],
    types: TEXT_ONLY,
    rowMode: 'array',
  } as pg.QueryConfig);
  const raw = result.rows as unknown as (string | null)[][];
  const isLast = raw.length <= limit;
  const kept = isLast ? raw : raw.slice(0, limit);
  const keyIndexes = table.keyColumns.map((name) => table.relation.columns.findIndex((column) => column.name === name));
  const last = kept.at(-1);
  return {
    rows: kept.map((row) => row.map((value): TupleValue => (value === null ? { kind: 'null' } : { kind: 'text', text: value }))),
    lastKey: last ? keyIndexes.map((index) => last[index] ?? '') : null,
    isLast,
  };
}
