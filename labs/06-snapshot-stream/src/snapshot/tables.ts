import type pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';
import type { RelationMessage } from '@cdc-lab/04-kafka-bridge/pgoutput';
import { quoteIdentifier } from '@cdc-lab/03-logical-streamer/replication';

/**
 * A table as the snapshot reads it: its shape as a Relation message (so that the lab-4 event
 * shaping treats a snapshot row exactly like a streamed one) and its primary key, which orders
 * the chunks.
 */
export interface SnapshotTable {
  schema: string;
  name: string;
  relation: RelationMessage;
  /** Primary key column names, in key order. */
  keyColumns: readonly string[];
}

export function qualifiedName(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

export function quotedName(table: { schema: string; name: string }): string {
  return `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
}

/** The publication's tables, except the signal table (its rows are commands, not data). */
export async function publishedTables(client: pg.ClientBase, publication: string, signalTable: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1`, [publication]);
  return result.rows.map((row) => row.name).filter((name) => name !== signalTable);
}

/** Read a table's shape from the catalog. Inside the snapshot transaction, it is the shape as of the snapshot. */
export async function describeTable(client: pg.ClientBase, qualified: string): Promise<SnapshotTable> {
  const [schema, name] = splitName(qualified);
  const found = await client.query<{ oid: number; relreplident: string }>(
    `SELECT c.oid::int AS oid, c.relreplident::text AS relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, name]);
  const table = found.rows[0];
  if (!table) throw new PostgresSetupError(`table ${qualified} does not exist`, { hint: 'name it as schema.table' });
  const columns = await client.query<{ name: string; type_oid: number; typmod: number; is_key: boolean }>(
    `SELECT a.attname::text AS name, a.atttypid::int AS type_oid, a.atttypmod AS typmod,
            coalesce(a.attnum = ANY (i.indkey::int2[]), false) AS is_key
       FROM pg_attribute a LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [table.oid]);
  const keys = await client.query<{ name: string }>(
    `SELECT a.attname::text AS name FROM pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_attribute a ON a.attnum = k.attnum
      WHERE i.indrelid = $1 AND i.indisprimary AND a.attrelid = $1 ORDER BY k.position`, [table.oid]);
  if (keys.rows.length === 0) {
    throw new PostgresSetupError(`table ${qualified} has no primary key`, {
      hint: 'chunks are read in primary-key order (keyset pagination): give the table a primary key, or leave it out of the publication',
    });
  }
  const relation: RelationMessage = {
    tag: 'relation',
    relationId: table.oid,
    namespace: schema,
    name,
    replicaIdentity: table.relreplident as RelationMessage['replicaIdentity'],
    columns: columns.rows.map((column) => ({ name: column.name, typeOid: column.type_oid, typmod: column.typmod, isKey: column.is_key })),
  };
  return { schema, name, relation, keyColumns: keys.rows.map((row) => row.name) };
}

function splitName(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  if (dot < 0) return ['public', qualified];
  return [qualified.slice(0, dot), qualified.slice(dot + 1)];
}
