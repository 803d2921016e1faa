/**
 * Broken on purpose: creates the publication if it is missing and uses an existing one as it
 * is, without checking what it publishes. One made WITH (publish = 'insert, update') drops
 * every DELETE before it reaches the bridge, and nothing says so. The publication stage must
 * reject it.
 */
import { runMain } from '@cdc-lab/common';
import type pg from 'pg';
import { ensurePublication } from '../../src/capture/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

async function createIfMissing(client: pg.ClientBase, name: string, tables: readonly string[] = []): Promise<'created' | 'existing'> {
  const found = await client.query('SELECT FROM pg_publication WHERE pubname = $1', [name]);
  if (found.rowCount !== 0) return 'existing';
  return ensurePublication(client, name, tables);
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, ensurePublication: createIfMissing }));
