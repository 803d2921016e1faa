import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@cdc-lab/common';
import type { ConnectorConfig } from '../connect/client.ts';

/**
 * The connector's settings live in a file under version control, labs/09-debezium/connector/
 * postgres.json, like any other piece of infrastructure: reviewed, diffed, rolled back. Only
 * what differs per environment — the database's address and password, the slot, publication
 * and topic prefix — is filled in when the connector is registered (config.ts).
 */
export const VERSIONED_CONFIG_FILE = fileURLToPath(new URL('../../connector/postgres.json', import.meta.url));

export function loadVersionedConfig(file = VERSIONED_CONFIG_FILE): ConnectorConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`cannot read the connector config ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError(`${file} must hold one JSON object of settings`);
  }
  const config: ConnectorConfig = {};
  for (const [key, value] of Object.entries(parsed)) {
    // Connect stores every setting as a string; a number or boolean here would be a surprise later.
    if (typeof value !== 'string') throw new ConfigurationError(`${file}: "${key}" must be a string, as Kafka Connect stores it`);
    config[key] = value;
  }
  return config;
}
