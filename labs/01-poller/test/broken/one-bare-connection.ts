// Broken on purpose: polls over one bare connection opened at start, and has no plan for the
// day Postgres closes it.
import pg from 'pg';
import { databaseUrl } from '@cdc-lab/common';
import { pageQuery, type ChangedRow } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

const client = new pg.Client({ connectionString: databaseUrl() });
await client.connect();
await runVariant({
  fetchPage: async (_db, request) => (await client.query<ChangedRow>(pageQuery(request))).rows,
});
await client.end();
