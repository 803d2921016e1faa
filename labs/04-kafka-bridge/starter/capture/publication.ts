import type pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';

/**
 * The publication says which tables' changes pgoutput sends; the slot says from where. A
 * publication is created FOR ALL TABLES unless tables are named. An existing one is used as
 * it is, after checking that it publishes every operation the bridge turns into events and,
 * when tables are named, exactly those tables.
 */
export async function ensurePublication(client: pg.ClientBase, name: string, tables: readonly string[] = []): Promise<'created' | 'existing'> {
  const found = await client.query<{ puballtables: boolean; pubinsert: boolean; pubupdate: boolean; pubdelete: boolean; pubtruncate: boolean }>(
    'SELECT puballtables, pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = $1', [name]);
  const existing = found.rows[0];
  if (existing) {
    const missing = (['insert', 'update', 'delete', 'truncate'] as const).filter((op) => !existing[`pub${op}`]);
    if (missing.length > 0) {
      throw new PostgresSetupError(`publication "${name}" does not publish ${missing.join(', ')}`, {
        hint: `ALTER PUBLICATION ${quote(name)} SET (publish = 'insert, update, delete, truncate')`,
      });
    }
    if (tables.length > 0) await checkPublishedTables(client, name, existing.puballtables, tables);
    return 'existing';
  }
  const target = tables.length === 0 ? 'ALL TABLES' : `TABLE ${tables.map(quoteQualified).join(', ')}`;
  try {
    await client.query(`CREATE PUBLICATION ${quote(name)} FOR ${target}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42501') {
      throw new PostgresSetupError(`not allowed to create publication "${name}"`, {
        code,
        hint: 'FOR ALL TABLES needs a superuser; name the tables (--tables) you own, or ask an administrator to create the publication',
      });
    }
    if (code === '42P01') throw new PostgresSetupError((error as Error).message, { code, hint: 'check the table names given with --tables' });
    throw error;
  }
  return 'created';
}

/** An existing publication must publish the tables asked for, no more and no fewer. */
async function checkPublishedTables(client: pg.ClientBase, name: string, allTables: boolean, tables: readonly string[]): Promise<void> {
  const setTables = `ALTER PUBLICATION ${quote(name)} SET TABLE ${tables.map(quoteQualified).join(', ')}`;
  if (allTables) {
    throw new PostgresSetupError(`publication "${name}" publishes every table, but --tables names ${tables.join(', ')}`, {
      hint: `drop it (DROP PUBLICATION ${quote(name)}) to have it created for those tables, or use another name with CDC_PUBLICATION`,
    });
  }
  const wanted = new Set<string>();
  for (const table of tables) {
    // to_regclass resolves a name the way a query would (search_path) and returns null if there is no such table.
    const resolved = await client.query<{ name: string | null }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
      [quoteQualified(table)]);
    const qualified = resolved.rows[0]?.name;
    if (!qualified) throw new PostgresSetupError(`--tables names ${table}, and there is no such table`, { code: '42P01', hint: 'check the table names given with --tables' });
    wanted.add(qualified);
  }
  const published = await client.query<{ name: string }>(
    "SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables WHERE pubname = $1", [name]);
  const has = new Set(published.rows.map((row) => row.name));
  const missing = [...wanted].filter((table) => !has.has(table));
  const extra = [...has].filter((table) => !wanted.has(table));
  if (missing.length > 0 || extra.length > 0) {
    const difference = [missing.length > 0 ? `lacks ${missing.join(', ')}` : '', extra.length > 0 ? `also publishes ${extra.join(', ')}` : ''].filter(Boolean).join(' and ');
    throw new PostgresSetupError(`publication "${name}" ${difference}`, { hint: setTables });
  }
}

/**
 * Published tables whose UPDATEs and DELETEs Postgres will refuse — to the application, not
 * to us: a table in a publication that publishes them needs a replica identity (a primary key,
 * REPLICA IDENTITY FULL or USING INDEX), or the writer gets "cannot update table … because it
 * does not have a replica identity and publishes updates".
 */
export async function tablesWithoutReplicaIdentity(client: pg.ClientBase, publication: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(`
    SELECT t.schemaname || '.' || t.tablename AS name
      FROM pg_publication_tables AS t
      JOIN pg_namespace AS n ON n.nspname = t.schemaname
      JOIN pg_class AS c ON c.relnamespace = n.oid AND c.relname = t.tablename
     WHERE t.pubname = $1
       AND (c.relreplident = 'n'
         OR (c.relreplident = 'd' AND NOT EXISTS (SELECT FROM pg_index AS i WHERE i.indrelid = c.oid AND i.indisprimary))
         OR (c.relreplident = 'i' AND NOT EXISTS (SELECT FROM pg_index AS i WHERE i.indrelid = c.oid AND i.indisreplident)))
     ORDER BY 1`, [publication]);
  return result.rows.map((row) => row.name);
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** `schema.table` or `table`, each part quoted. */
function quoteQualified(name: string): string {
  return name.split('.').map(quote).join('.');
}
