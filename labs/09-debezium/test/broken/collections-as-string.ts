/**
 * Broken on purpose: the execute-snapshot signal names its tables as one string,
 * "data-collections": "public.accounts", not as a JSON array. The row goes in and the command
 * says the snapshot was requested; Debezium finds no list of tables in it, logs a warning and
 * snapshots nothing. The incremental-snapshot stage must reject it.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { runMain } from '@cdc-lab/common';
import { SIGNAL_TABLE } from '../../src/connector/helper-tables.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import type { requestIncrementalSnapshot } from '../../src/snapshot/signal.ts';

const collectionsAsString: typeof requestIncrementalSnapshot = async (client: pg.ClientBase, tables) => {
  const id = crypto.randomUUID();
  const [schema, table] = SIGNAL_TABLE.split('.');
  await client.query(
    `INSERT INTO "${schema}"."${table}" ("id", "type", "data") VALUES ($1, 'execute-snapshot', $2)`,
    [id, JSON.stringify({ 'data-collections': tables.join(','), type: 'incremental' })],
  );
  return id;
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, requestIncrementalSnapshot: collectionsAsString }));
process.exit();
