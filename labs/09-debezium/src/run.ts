import type { connectorConfig as ConnectorConfigFn } from './connector/config.ts';
import { maskSecrets } from './connector/secrets.ts';
import { followEvents } from './events/follow.ts';
import { register } from './register.ts';
import type { PipelineNames, Settings } from './settings.ts';

type Parts = { connectorConfig: typeof ConnectorConfigFn };

export function mainConfig(settings: Settings, names: PipelineNames, parts: Parts) {
  return parts.connectorConfig({ name: names.connector, databaseUrl: settings.databaseUrl, connectDatabaseHost: settings.connectDatabaseHost, slot: names.slot, publication: names.publication, topicPrefix: names.topicPrefix });
}

/** `pnpm lab 9`: register the connector from its settings, then show what it produces. */
export async function run(settings: Settings, names: PipelineNames, parts: Parts): Promise<void> {
  const config = mainConfig(settings, names, parts);
  await register(settings, names, config);
  await followEvents(settings.kafkaBrokers, `${names.topicPrefix}.`, `the connector keeps running: \`pnpm lab 9 delete --drop-slot\` removes it`);
}

/** `pnpm lab 9 config`: what would be registered, as JSON, with the password masked. */
export async function printConfig(settings: Settings, names: PipelineNames, parts: Parts): Promise<void> {
  console.log(JSON.stringify(maskSecrets(mainConfig(settings, names, parts)), null, 2));
}
