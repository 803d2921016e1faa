export { connectorConfig, type ConnectorConfigOptions } from './config.ts';
export { databaseCoordinates, workerDatabaseHost, type DatabaseCoordinates } from './database.ts';
export { debeziumSettings, type PipelineSettings } from './debezium-settings.ts';
export { maskSecrets } from './secrets.ts';
