import type pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';

/**
 * The publication says which tables' changes pgoutput sends; the slot says from where. A
 * publication is created FOR ALL TABLES unless tables are named. An existing one is used as
 * it is, after checking that it publishes every operation the bridge turns into events.
 */
export async function ensurePublication(client: pg.ClientBase, name: string, tables: readonly string[] = []): Promise<'created' | 'existing'> {
  const found = await client.query<{ pubinsert: boolean; pubupdate: boolean; pubdelete: boolean; pubtruncate: boolean }>(
    'SELECT pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = $1', [name]);
  const existing = found.rows[0];
  if (existing) {
    const missing = (['insert', 'update', 'delete', 'truncate'] as const).filter((op) => !existing[`pub${op}`]);
    if (missing.length > 0) {
      throw new PostgresSetupError(`publication "${name}" does not publish ${missing.join(', ')}`, {
        hint: `ALTER PUBLICATION ${quote(name)} SET (publish = 'insert, update, delete, truncate')`,
      });
    }
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

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** `schema.table` or `table`, each part quoted. */
function quoteQualified(name: string): string {
  return name.split('.').map(quote).join('.');
}
