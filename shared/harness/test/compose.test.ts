import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CONNECT_DATABASE_HOST,
  CONNECT_IMAGE,
  CONNECT_WORKER_SETTINGS,
  DEBEZIUM_VERSION,
  KAFKA_IMAGE,
  KAFKA_SINGLE_NODE_SETTINGS,
  POSTGRES_CONTAINER_PORT,
  POSTGRES_IMAGE,
  SCHEMA_REGISTRY_IMAGE,
  SCHEMA_REGISTRY_SETTINGS,
  postgresSpec,
} from '../src/docker/specs.ts';
import { OPTIONAL_SERVICE_VARIABLES, SERVICE_VARIABLES } from '../src/external.ts';
import { repoRoot } from '../src/state.ts';

// docker-compose.yml is the stack for people who run it themselves and then export the
// variables its header lists. Nothing runs it in CI here (no Docker engine), so these checks
// keep it honest: same images and settings as the docker provider, and a header that matches
// the ports and credentials the file really publishes.

interface ComposeService {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | number | { target: number; published?: string | number }>;
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

const composeFile = path.join(repoRoot(), 'docker-compose.yml');
const text = fs.readFileSync(composeFile, 'utf8');
const compose = parse(text) as { services?: Record<string, ComposeService> };

function service(name: string): ComposeService {
  const found = compose.services?.[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** Compose accepts both `KEY: value` maps and `KEY=value` lists; numbers arrive as numbers. */
function environmentOf(name: string): Record<string, string> {
  const environment = service(name).environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => {
      const at = entry.indexOf('=');
      return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

function commandOf(name: string): string[] {
  const command = service(name).command ?? [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

/** The host port that `name` publishes for `containerPort` ("host:container", "ip:host:container" or long form). */
function hostPortOf(name: string, containerPort: number): number | undefined {
  for (const entry of service(name).ports ?? []) {
    if (typeof entry === 'object') {
      if (entry.target === containerPort && entry.published !== undefined) return Number(entry.published);
      continue;
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    const container = Number(parts.at(-1));
    const host = parts.length >= 2 ? Number(parts.at(-2)) : undefined;
    if (container === containerPort) return host;
  }
  return undefined;
}

/** `export NAME=value` lines of the comment block at the top of the file. */
function headerExports(): Record<string, string> {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    header.push(line);
  }
  const exports: Record<string, string> = {};
  for (const line of header) {
    for (const match of line.matchAll(/\b([A-Z][A-Z0-9_]*)=(\S+)/g)) {
      if (/^#\s*export\b/.test(line) && match[1] !== undefined && match[2] !== undefined) exports[match[1]] = match[2];
    }
  }
  return exports;
}

/** name → host:port of a Kafka listener list such as "PLAINTEXT://kafka:29092,CONTROLLER://:9093". */
function listeners(value: string | undefined): Record<string, string> {
  return Object.fromEntries((value ?? '').split(',').filter(Boolean).map((listener) => {
    const [name, address] = listener.split('://');
    return [name ?? '', address ?? ''];
  }));
}

const exported = headerExports();

describe('docker-compose.yml', () => {
  it('runs the same images as the docker provider', () => {
    expect(service('postgres').image).toBe(POSTGRES_IMAGE);
    expect(service('kafka').image).toBe(KAFKA_IMAGE);
    expect(service('schema-registry').image).toBe(SCHEMA_REGISTRY_IMAGE);
    expect(service('connect').image).toBe(CONNECT_IMAGE);
  });

  it('runs the Debezium release of the local provider', () => {
    expect(service('connect').image).toBe(`quay.io/debezium/connect:${DEBEZIUM_VERSION}`);
  });

  it('runs Postgres with wal_level=logical and the provider\'s other settings', () => {
    expect(commandOf('postgres')).toContain('wal_level=logical');
    expect(commandOf('postgres')).toEqual(postgresSpec({ stateDir: '.', password: 'x', hostPort: 1 }).command);
  });

  it('sizes Kafka\'s internal topics for a single broker', () => {
    const environment = environmentOf('kafka');
    expect(environment.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    expect(environment.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
    expect(environment.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(environment).toMatchObject(KAFKA_SINGLE_NODE_SETTINGS);
  });

  it('exports in its header every variable the external provider reads', () => {
    const read = [...Object.values(SERVICE_VARIABLES), ...Object.values(OPTIONAL_SERVICE_VARIABLES).flat()];
    expect(Object.keys(exported).sort()).toEqual([...read].sort());
    expect(Object.keys(exported).sort()).toEqual([
      'CONNECT_DATABASE_HOST', 'CONNECT_URL', 'DATABASE_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL',
    ]);
  });

  it('documents CONNECT_DATABASE_HOST as Postgres\'s service name and port on the compose network', () => {
    expect(exported.CONNECT_DATABASE_HOST).toBe(CONNECT_DATABASE_HOST);
    const [host, port] = (exported.CONNECT_DATABASE_HOST ?? '').split(':');
    expect(compose.services?.[host ?? '']).toBe(service('postgres'));
    expect(Number(port)).toBe(POSTGRES_CONTAINER_PORT);
    const dependsOn = service('connect').depends_on ?? {};
    expect(Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn)).toContain('postgres');
  });

  it('documents a DATABASE_URL with the credentials, database and port Postgres really has', () => {
    const url = new URL(exported.DATABASE_URL ?? '');
    const environment = environmentOf('postgres');
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('localhost');
    expect(decodeURIComponent(url.username)).toBe(environment.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(environment.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${environment.POSTGRES_DB}`);
    expect(Number(url.port)).toBe(hostPortOf('postgres', 5432));
  });

  it('documents KAFKA_BROKERS as the address Kafka advertises to the host, on a published port', () => {
    const brokers = exported.KAFKA_BROKERS ?? '';
    const environment = environmentOf('kafka');
    const advertised = listeners(environment.KAFKA_ADVERTISED_LISTENERS);
    const hostListener = Object.entries(advertised).find(([, address]) => address === brokers)?.[0];
    expect(hostListener, `no advertised listener is ${brokers}`).toBeDefined();
    const bound = listeners(environment.KAFKA_LISTENERS)[hostListener ?? ''] ?? '';
    const containerPort = Number(bound.split(':').at(-1));
    expect(hostPortOf('kafka', containerPort)).toBe(Number(brokers.split(':').at(-1)));
  });

  it('lets the other containers reach Kafka through its in-network listener', () => {
    const advertised = Object.values(listeners(environmentOf('kafka').KAFKA_ADVERTISED_LISTENERS));
    const strip = (address: string | undefined) => (address ?? '').replace(/^PLAINTEXT:\/\//, '');
    expect(advertised).toContain(strip(environmentOf('schema-registry').SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS));
    expect(advertised).toContain(strip(environmentOf('connect').BOOTSTRAP_SERVERS));
    expect(advertised).toContain(strip(environmentOf('kafka-ui').KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS));
  });

  it('documents SCHEMA_REGISTRY_URL and CONNECT_URL on the ports those services publish', () => {
    const registry = new URL(exported.SCHEMA_REGISTRY_URL ?? '');
    const connect = new URL(exported.CONNECT_URL ?? '');
    expect(Number(registry.port)).toBe(hostPortOf('schema-registry', 8081));
    expect(environmentOf('schema-registry').SCHEMA_REGISTRY_LISTENERS).toContain(':8081');
    expect(Number(connect.port)).toBe(hostPortOf('connect', 8083));
  });

  it('keeps Connect\'s own topics at replication factor 1, in variables the image reads', () => {
    // The image has no CONFIG_STORAGE_REPLICATION_FACTOR of its own: only CONNECT_* reaches the worker.
    expect(environmentOf('connect')).toMatchObject({
      CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR: '1',
      CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR: '1',
      CONNECT_STATUS_STORAGE_REPLICATION_FACTOR: '1',
    });
  });

  it('configures the Connect worker like the docker provider: JSON without schemas, exactly-once, 1 s offset flush', () => {
    const environment = environmentOf('connect');
    expect(environment).toMatchObject(CONNECT_WORKER_SETTINGS);
    expect(environment).toMatchObject({
      CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE: 'false',
      CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE: 'false',
      CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT: 'enabled',
      OFFSET_FLUSH_INTERVAL_MS: '1000',
    });
  });

  it('configures the schema registry like the docker provider, BACKWARD by default', () => {
    expect(environmentOf('schema-registry')).toMatchObject(SCHEMA_REGISTRY_SETTINGS);
    expect(environmentOf('schema-registry').SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL).toBe('BACKWARD');
  });

  it('starts dependants only once Postgres and Kafka are healthy', () => {
    expect(service('postgres').healthcheck?.test).toBeDefined();
    expect(service('kafka').healthcheck?.test).toBeDefined();
    for (const [name, definition] of Object.entries(compose.services ?? {})) {
      const dependsOn = definition.depends_on ?? {};
      const conditions: Record<string, { condition?: string }> = Array.isArray(dependsOn)
        ? Object.fromEntries(dependsOn.map((dependency) => [dependency, {}]))
        : dependsOn;
      for (const healthy of ['postgres', 'kafka']) {
        if (healthy in conditions) {
          expect(conditions[healthy]?.condition, `${name} depends on ${healthy}`).toBe('service_healthy');
        }
      }
    }
  });
});
