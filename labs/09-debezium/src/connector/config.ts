import type { ConnectorConfig } from '../connect/client.ts';
import { databaseCoordinates, workerDatabaseHost } from './database.ts';
import { debeziumSettings } from './debezium-settings.ts';

export interface ConnectorConfigOptions {
  /** The connector's name in Kafka Connect. */
  name: string;
  /** The database to capture (DATABASE_URL): user, password and database name, and the address unless the next option says otherwise. */
  databaseUrl: string;
  /** `host:port` of Postgres as the Connect worker reaches it, when not DATABASE_URL's (CONNECT_DATABASE_HOST). */
  connectDatabaseHost?: string;
  slot: string;
  publication: string;
  topicPrefix: string;
  /** Settings that win over the others; null removes a setting. */
  overrides?: Record<string, string | null>;
  /** The connector's settings; debeziumSettings() for this slot, publication and prefix by default. */
  base?: ConnectorConfig;
}

/**
 * The config to register: the connector's settings (debezium-settings.ts, versioned with the
 * code), then what belongs to this environment — the name and the database's coordinates —
 * then the caller's overrides. Exported for the benchmark, which registers Debezium with its
 * defaults and tuned.
 */
export function connectorConfig({ name, databaseUrl, connectDatabaseHost, slot, publication, topicPrefix, overrides = {}, base = debeziumSettings({ slot, publication, topicPrefix }) }: ConnectorConfigOptions): ConnectorConfig {
  // The worker connects, not this program: where it finds Postgres may not be where we do.
  const database = { ...databaseCoordinates(databaseUrl), ...(connectDatabaseHost === undefined ? {} : workerDatabaseHost(connectDatabaseHost)) };
  const config: ConnectorConfig = {
    ...base,
    name,
    'database.hostname': database.hostname,
    'database.port': database.port,
    'database.user': database.user,
    'database.password': database.password,
    'database.dbname': database.dbname,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete config[key];
    else config[key] = value;
  }
  return config;
}
