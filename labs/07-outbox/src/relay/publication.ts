import type pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';
import { ensurePublication } from '@cdc-lab/04-kafka-bridge/capture';
import { displayName, qualified, quoteIdentifier, type TableName } from '../schema.ts';

/*
 * pgoutput sends the changes of the tables in the publications it is given, and nothing of
 * the others. Create the publication before the slot: the slot decodes each change with the
 * catalog as it was at that change, and a publication that did not exist yet is an error.
 */

/**
 * The table variant: a publication of the outbox table alone, so that the walsender does not
 * even decode the orders table's changes for us. Lab 4's helper creates it, or checks an
 * existing one; the outbox table is checked here once more, so that the error names the fix
 * whatever that helper checks.
 */
export async function ensureOutboxPublication(client: pg.ClientBase, name: string, outbox: TableName): Promise<'created' | 'existing'> {
  const state = await ensurePublication(client, name, [displayName(outbox)]);
  const published = await client.query(
    'SELECT 1 FROM pg_publication_tables WHERE pubname = $1 AND schemaname = $2 AND tablename = $3',
    [name, outbox.schema, outbox.table],
  );
  if (published.rowCount === 0) {
    throw new PostgresSetupError(`publication "${name}" exists but does not publish ${displayName(outbox)}`, {
      hint: `ALTER PUBLICATION ${quoteIdentifier(name)} ADD TABLE ${qualified(outbox)}; or name another publication with CDC_PUBLICATION`,
    });
  }
  return state;
}

/**
 * The message variant: logical messages belong to no table and pass whatever the publication
 * holds, but pgoutput insists on a publication name. An empty one (no FOR clause) is enough,
 * and sends no row changes at all.
 */
export async function ensureMessagePublication(client: pg.ClientBase, name: string): Promise<'created' | 'existing'> {
  const found = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [name]);
  if (found.rowCount !== 0) return 'existing';
  await client.query(`CREATE PUBLICATION ${quoteIdentifier(name)}`);
  return 'created';
}
