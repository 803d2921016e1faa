import { todo } from '@cdc-lab/common';
import type { ConnectorConfig } from '../../src/connect/client.ts';
import { databaseCoordinates, workerDatabaseHost } from '../../src/connector/database.ts';
import { loadVersionedConfig } from '../../src/connector/versioned-config.ts';

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
  /** Settings that win over the versioned file; null removes a setting. */
  overrides?: Record<string, string | null>;
  /** The versioned settings; the file connector/postgres.json by default. */
  base?: ConnectorConfig;
}

/**
 * The config to register: the versioned settings, then this environment's, then the overrides.
 */
export function connectorConfig({ name, databaseUrl, connectDatabaseHost, slot, publication, topicPrefix, overrides = {}, base = loadVersionedConfig() }: ConnectorConfigOptions): ConnectorConfig {
  // TODO: start from `base` (connector/postgres.json). Fill in what belongs to this environment:
  //   name; database.hostname, database.port, database.user, database.password, database.dbname
  //   (databaseCoordinates(databaseUrl) takes the URL apart; when connectDatabaseHost is given,
  //   workerDatabaseHost(connectDatabaseHost) replaces hostname and port: the worker connects,
  //   not you); slot.name, publication.name and topic.prefix. Then apply `overrides`: a
  //   string replaces a setting, null removes it.
  void [name, databaseUrl, connectDatabaseHost, slot, publication, topicPrefix, overrides, base, databaseCoordinates, workerDatabaseHost];
  return todo('filling the connector config from the versioned file', 'docs/09-debezium.md#the-versioned-config');
}
