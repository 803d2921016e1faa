import pg from 'pg';
import { ConnectClient, type ConnectorConfig } from './connect/client.ts';
import { describeStatus, waitForState } from './connect/wait.ts';
import { ensureHelperTables } from './connector/helper-tables.ts';
import { waitForSlot } from './lifecycle/slots.ts';
import type { PipelineNames, Settings } from './settings.ts';

/**
 * Register (or update) a connector and wait until it works: the helper tables first (the
 * heartbeat query and the signal table must exist when the task starts), then PUT the config,
 * then RUNNING for the connector and its task, then its slot streaming.
 */
export async function register(settings: Settings, names: PipelineNames, config: ConnectorConfig): Promise<void> {
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  try {
    await ensureHelperTables(client);
    const connect = new ConnectClient(settings.connectUrl);
    const { created } = await connect.putConfig(names.connector, config);
    console.log(`${created ? 'Registered' : 'Updated'} connector '${names.connector}' at ${settings.connectUrl}: slot '${names.slot}', publication '${names.publication}', topics ${names.topicPrefix}.<schema>.<table>`);
    const status = await waitForState(connect, names.connector, 'RUNNING', settings.timeoutMs);
    await waitForSlot(client, names.slot, settings.timeoutMs);
    console.log(`Connector '${names.connector}' is RUNNING (${describeStatus(status)}, Debezium ${status.connector.version ?? '?'})`);
  } finally {
    await client.end();
  }
}
