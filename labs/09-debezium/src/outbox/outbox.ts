import pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';
import type { connectorConfig as ConnectorConfigFn } from '../connector/config.ts';
import { followEvents } from '../events/follow.ts';
import { register } from '../register.ts';
import type { PipelineNames, Settings } from '../settings.ts';
import type { outboxRouterSettings as RouterSettingsFn } from './router.ts';

/** Lab 7's outbox table (labs/07-outbox/src/schema.ts): made by `pnpm lab 7`, read here. */
export const LAB7_OUTBOX = { schema: 'shop', table: 'outbox' } as const;

type Parts = { connectorConfig: typeof ConnectorConfigFn; outboxRouterSettings: typeof RouterSettingsFn };

export function outboxConnectorConfig(settings: Settings, names: PipelineNames, parts: Parts) {
  return parts.connectorConfig({
    name: names.connector,
    databaseUrl: settings.databaseUrl,
    connectDatabaseHost: settings.connectDatabaseHost,
    slot: names.slot,
    publication: names.publication,
    topicPrefix: names.topicPrefix,
    overrides: {
      ...parts.outboxRouterSettings(names.topicPrefix, LAB7_OUTBOX),
      // Events written from now on, like lab 7's relay: old outbox rows were relayed already.
      'snapshot.mode': 'no_data',
      'publication.autocreate.mode': 'filtered',
      'heartbeat.interval.ms': '0',
      'heartbeat.action.query': null,
      'signal.data.collection': null,
    },
  });
}

/** `pnpm lab 9 outbox`: register the outbox connector and show the routed records. */
export async function outbox(settings: Settings, names: PipelineNames, parts: Parts): Promise<void> {
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT to_regclass($1) AS "table"', [`"${LAB7_OUTBOX.schema}"."${LAB7_OUTBOX.table}"`]);
    if (found.rows[0]?.table === null) {
      throw new PostgresSetupError(`there is no table ${LAB7_OUTBOX.schema}.${LAB7_OUTBOX.table} in this database`, {
        hint: 'lab 7 makes it: run `pnpm lab 7 -- demo` (or `pnpm lab 7 relay`) against the same DATABASE_URL first',
      });
    }
  } finally {
    await client.end();
  }
  await register(settings, names, outboxConnectorConfig(settings, names, parts));
  await followEvents(settings.kafkaBrokers, `${names.topicPrefix}.event.`, `\`pnpm lab 9 delete --outbox --drop-slot\` removes the connector`);
}
