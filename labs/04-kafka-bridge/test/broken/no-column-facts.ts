/**
 * Broken on purpose: reads each table's primary key and user types from the catalog, but not
 * its columns' NOT NULL and defaults — a Relation message does not carry them. A delete under
 * REPLICA IDENTITY DEFAULT then has null in its before image where Debezium writes the
 * column's zero (""), and a consumer that trusts NOT NULL gets a null. The events stage must
 * reject it.
 */
import { runMain } from '@cdc-lab/common';
import type pg from 'pg';
import { readCatalog, type CatalogFacts } from '../../src/capture/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

async function keysAndTypesOnly(client: pg.ClientBase): Promise<CatalogFacts> {
  const { primaryKeys, userTypes } = await readCatalog(client);
  return { primaryKeys, userTypes, columns: [] };
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, readCatalog: keysAndTypesOnly }));
