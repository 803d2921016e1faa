import type pg from 'pg';
import { todo } from '@cdc-lab/common';
import type { TupleValue } from '@cdc-lab/04-kafka-bridge/pgoutput';
import type { SnapshotTable } from './tables.ts';

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
  // TODO: SELECT every column of the table (quotedName(table)) after the key `after`, ordered by
  // table.keyColumns, LIMIT limit + 1, with types: TEXT_ONLY and rowMode 'array'; turn each value
  // into a TupleValue and report the last row's key and whether the table ends here.
  void client; void table; void after; void limit;
  return todo('reading a chunk in key order (keyset pagination)', 'docs/06-snapshot-stream.md#reading-in-chunks');
}
