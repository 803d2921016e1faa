import type { ConnectorConfig } from '../connect/client.ts';
import { databaseCoordinates } from './database.ts';
import { loadVersionedConfig } from './versioned-config.ts';

export interface ConnectorConfigOptions {
  /** The connector's name in Kafka Connect. */
  name: string;
  /** The database to capture, as this machine reaches it (CDC_CONNECT_DATABASE_URL if the worker reaches it elsewhere). */
  databaseUrl: string;
  slot: string;
  publication: string;
  topicPrefix: string;
  /** Settings that win over the versioned file; null removes a setting. */
  overrides?: Record<string, string | null>;
  /** The versioned settings; the file connector/postgres.json by default. */
  base?: ConnectorConfig;
}

/**
 * The config to register: the versioned settings, then what belongs to this environment —
 * the database's coordinates, the slot (lab 3), the publication (lab 4), the topic prefix —
 * then the caller's overrides. Exported for the benchmark, which registers Debezium with its
 * defaults and tuned.
 */
export function connectorConfig({ name, databaseUrl, slot, publication, topicPrefix, overrides = {}, base = loadVersionedConfig() }: ConnectorConfigOptions): ConnectorConfig {
  const database = databaseCoordinates(databaseUrl);
  const config: ConnectorConfig = {
    ...base,
    name,
    'database.hostname': database.hostname,
    'database.port': database.port,
    'database.user': database.user,
    'database.password': database.password,
    'database.dbname': database.dbname,
    'slot.name': slot,
    'publication.name': publication,
    'topic.prefix': topicPrefix,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete config[key];
    else config[key] = value;
  }
  return config;
}
