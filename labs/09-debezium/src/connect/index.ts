export { ConnectClient, type ConnectorConfig, type ConnectorState, type ConnectorStatus } from './client.ts';
export { describeStatus, waitForState } from './wait.ts';
