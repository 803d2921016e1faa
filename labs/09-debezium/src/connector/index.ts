export { connectorConfig, type ConnectorConfigOptions } from './config.ts';
export { databaseCoordinates, workerDatabaseHost, type DatabaseCoordinates } from './database.ts';
export { maskSecrets } from './secrets.ts';
export { loadVersionedConfig, VERSIONED_CONFIG_FILE } from './versioned-config.ts';
