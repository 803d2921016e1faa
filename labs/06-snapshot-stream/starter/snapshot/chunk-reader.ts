import type pg from 'pg';
import { todo } from '@cdc-lab/common';
import type { TupleValue } from '@cdc-lab/04-kafka-bridge/pgoutput';
// What you will need: quoteIdentifier and quotedName quote names for SQL; TEXT_ONLY makes the
// driver hand back every value as the text Postgres printed, which is what pgoutput sends.
import { quoteIdentifier } from '@cdc-lab/03-logical-streamer/replication';
import { TEXT_ONLY } from '../../src/connections.ts';
import { quotedName, type SnapshotTable } from '../../src/snapshot/tables.ts';

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
  // TODO: read the next chunk of rows after the key `after`, with values spelled as pgoutput
  //   spells them. Why by key and not by position? How can you tell that the table ends here
  //   without reading an empty chunk first? Which key does the next chunk, or a resumed run,
  //   start after?
  void client; void table; void after; void limit;
  return todo('reading a chunk in key order (keyset pagination)', 'docs/06-snapshot-stream.md#reading-in-chunks');
}
