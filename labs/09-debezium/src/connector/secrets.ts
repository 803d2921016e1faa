import type { ConnectorConfig } from '../connect/client.ts';

const SECRET = /password|secret|credential/i;

/** The config with every secret replaced, for printing: the database password never leaves. */
export function maskSecrets(config: ConnectorConfig): ConnectorConfig {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, SECRET.test(key) && value !== '' ? '********' : value]));
}
