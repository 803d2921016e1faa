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
  postgresImage,
  SCHEMA_REGISTRY_IMAGE,
  SCHEMA_REGISTRY_SETTINGS,
  postgresSpec,
} from '../src/docker/specs.ts';
import { OPTIONAL_SERVICE_VARIABLES, SERVICE_VARIABLES } from '../src/external.ts';
import { SUPPORTED_POSTGRES_MAJORS } from '../src/postgres-major.ts';
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

type Env = Readonly<Record<string, string>>;

/**
 * Compose's `${NAME:-default}` (and `${NAME}`) substitution, which the header's export lines
 * share with the shell: the value when set and not empty, else the default.
 */
function interpolate(value: string, env: Env = {}): string {
  return value.replace(/\$\{([A-Z][A-Z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
    const set = env[name];
    return set === undefined || set === '' ? (fallback ?? '') : set;
  });
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
function environmentOf(name: string, env: Env = {}): Record<string, string> {
  const environment = service(name).environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => {
      const at = entry.indexOf('=');
      return at === -1 ? [entry, ''] : [entry.slice(0, at), interpolate(entry.slice(at + 1), env)];
    }));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, interpolate(String(value ?? ''), env)]));
}

function commandOf(name: string): string[] {
  const command = service(name).command ?? [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

/** The host port that `name` publishes for `containerPort` ("host:container", "ip:host:container" or long form). */
function hostPortOf(name: string, containerPort: number, env: Env = {}): number | undefined {
  for (const entry of service(name).ports ?? []) {
    if (typeof entry === 'object') {
      if (entry.target === containerPort && entry.published !== undefined) return Number(interpolate(String(entry.published), env));
      continue;
    }
    const parts = interpolate(String(entry), env).replace(/\/(tcp|udp)$/, '').split(':');
    const container = Number(parts.at(-1));
    const host = parts.length >= 2 ? Number(parts.at(-2)) : undefined;
    if (container === containerPort) return host;
  }
  return undefined;
}

/** The comment block at the top of the file. */
const header: string[] = [];
for (const line of text.split('\n')) {
  if (!line.startsWith('#')) break;
  header.push(line);
}

/** `export NAME=value` lines of the header, as a shell would expand them with `env` exported. */
function headerExports(env: Env = {}): Record<string, string> {
  const exports: Record<string, string> = {};
  for (const line of header) {
    for (const match of line.matchAll(/\b([A-Z][A-Z0-9_]*)=(\S+)/g)) {
      if (/^#\s*export\b/.test(line) && match[1] !== undefined && match[2] !== undefined) exports[match[1]] = interpolate(match[2], env);
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

/**
 * The host ports, each a variable with a default (`${CDC_LAB_POSTGRES_PORT:-15432}`) in both the
 * `ports:` entries and the header's exports. Not the services' usual ports: a Postgres or Kafka
 * installed on the host would answer there first, with errors that point nowhere near the cause.
 */
const HOST_PORTS = {
  postgres: { variable: 'CDC_LAB_POSTGRES_PORT', container: 5432, fallback: 15432 },
  kafka: { variable: 'CDC_LAB_KAFKA_PORT', container: 9092, fallback: 19092 },
  'schema-registry': { variable: 'CDC_LAB_SCHEMA_REGISTRY_PORT', container: 8081, fallback: 18081 },
  connect: { variable: 'CDC_LAB_CONNECT_PORT', container: 8083, fallback: 18083 },
  'kafka-ui': { variable: 'CDC_LAB_KAFKA_UI_PORT', container: 8080, fallback: 18080 },
} as const;

/** The ports a native install or another quick-start stack would be using. */
const USUAL_PORTS = [5432, 9092, 8081, 8083, 8080];

/** Ports from here up are handed out by engines and the OS as ephemeral ones (Linux: 32768). */
const EPHEMERAL_FLOOR = 32768;

/** The defaults, and every port moved, as a user with a clash would set them. */
const PORT_SETTINGS: Array<[string, Env]> = [
  ['with the default ports', {}],
  ['with every port variable overridden', Object.fromEntries(
    Object.values(HOST_PORTS).map(({ variable, fallback }) => [variable, String(fallback + 10_000)]),
  )],
];

/** The address in `--bootstrap-server <address>` of the Kafka healthcheck. */
function healthcheckBootstrap(): string {
  const test = service('kafka').healthcheck?.test ?? [];
  const command = Array.isArray(test) ? test.join(' ') : test;
  return /--bootstrap-server\s+(\S+)/.exec(command)?.[1] ?? '';
}

describe('docker-compose.yml', () => {
  it('runs the Postgres major CDC_LAB_POSTGRES names, as the docker provider does', () => {
    for (const major of SUPPORTED_POSTGRES_MAJORS) {
      expect(interpolate(String(service('postgres').image), { CDC_LAB_POSTGRES: String(major) })).toBe(postgresImage(major));
    }
  });

  it('runs the same images as the docker provider', () => {
    expect(interpolate(String(service('postgres').image))).toBe(POSTGRES_IMAGE);
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

  describe.each(PORT_SETTINGS)('%s', (_label, env) => {
    const exportedHere = headerExports(env);

    it('documents a DATABASE_URL with the credentials, database and port Postgres really has', () => {
      const url = new URL(exportedHere.DATABASE_URL ?? '');
      const environment = environmentOf('postgres', env);
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('localhost');
      expect(decodeURIComponent(url.username)).toBe(environment.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(environment.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${environment.POSTGRES_DB}`);
      expect(Number(url.port)).toBe(hostPortOf('postgres', POSTGRES_CONTAINER_PORT, env));
    });

    it('documents KAFKA_BROKERS as the address Kafka advertises to the host, on a published port', () => {
      const brokers = exportedHere.KAFKA_BROKERS ?? '';
      const environment = environmentOf('kafka', env);
      const advertised = listeners(environment.KAFKA_ADVERTISED_LISTENERS);
      const hostListener = Object.entries(advertised).find(([, address]) => address === brokers)?.[0];
      expect(hostListener, `no advertised listener is ${brokers}`).toBeDefined();
      const bound = listeners(environment.KAFKA_LISTENERS)[hostListener ?? ''] ?? '';
      const containerPort = Number(bound.split(':').at(-1));
      expect(hostPortOf('kafka', containerPort, env)).toBe(Number(brokers.split(':').at(-1)));
    });

    it('documents SCHEMA_REGISTRY_URL and CONNECT_URL on the ports those services publish', () => {
      const registry = new URL(exportedHere.SCHEMA_REGISTRY_URL ?? '');
      const connect = new URL(exportedHere.CONNECT_URL ?? '');
      expect(Number(registry.port)).toBe(hostPortOf('schema-registry', 8081, env));
      expect(environmentOf('schema-registry', env).SCHEMA_REGISTRY_LISTENERS).toContain(':8081');
      expect(Number(connect.port)).toBe(hostPortOf('connect', 8083, env));
    });

    it('publishes every service on its variable\'s port', () => {
      for (const [name, { variable, container, fallback }] of Object.entries(HOST_PORTS)) {
        expect(hostPortOf(name, container, env), `${name}'s host port`).toBe(Number(env[variable] ?? fallback));
      }
    });

    it('health-checks Kafka on the in-network listener, whatever the host port', () => {
      // Through the host listener the probe would be sent on to localhost:<host port>, which
      // inside the container is nothing once that port differs from the container's 9092.
      const advertised = listeners(environmentOf('kafka', env).KAFKA_ADVERTISED_LISTENERS);
      expect(healthcheckBootstrap()).not.toBe(exportedHere.KAFKA_BROKERS);
      expect(healthcheckBootstrap()).toBe(environmentOf('connect', env).BOOTSTRAP_SERVERS);
      expect(Object.values(advertised)).toContain(healthcheckBootstrap());
    });
  });

  it('publishes no service on its usual port, none in the ephemeral range, and only on this machine', () => {
    for (const [name, { variable, container, fallback }] of Object.entries(HOST_PORTS)) {
      const entries = (service(name).ports ?? []).map(String);
      // On 127.0.0.1 only: Postgres with password postgres must not be reachable from the network.
      expect(entries, `${name} publishes its port through ${variable}, on the loopback address`).toEqual([`127.0.0.1:\${${variable}:-${fallback}}:${container}`]);
      expect(USUAL_PORTS).not.toContain(fallback);
      expect(fallback).toBeLessThan(EPHEMERAL_FLOOR);
    }
  });

  it('says in its header which variable moves which port, and its default', () => {
    for (const { variable, fallback } of Object.values(HOST_PORTS)) {
      const line = header.find((entry) => new RegExp(`^#\\s+${variable}\\s`).test(entry));
      expect(line, `the header lists ${variable}`).toBeDefined();
      expect(line).toContain(`default ${fallback}`);
    }
    expect(header.join('\n')).toContain(`http://localhost:${HOST_PORTS['kafka-ui'].fallback}`);
  });

  it('exports in its header addresses that follow the port variables', () => {
    const raw = Object.fromEntries(header.flatMap((line) => {
      const match = /^#\s*export\s+([A-Z_]+)=(\S+)/.exec(line);
      return match?.[1] === undefined || match[2] === undefined ? [] : [[match[1], match[2]]];
    }));
    const follows = { DATABASE_URL: 'postgres', KAFKA_BROKERS: 'kafka', SCHEMA_REGISTRY_URL: 'schema-registry', CONNECT_URL: 'connect' } as const;
    for (const [variable, name] of Object.entries(follows)) {
      const { variable: portVariable, fallback } = HOST_PORTS[name];
      expect(raw[variable], `${variable} follows ${portVariable}`).toContain(`\${${portVariable}:-${fallback}}`);
    }
  });

  it('lets brokers talk to each other on the in-network listener, not the host one', () => {
    const environment = environmentOf('kafka');
    const name = environment.KAFKA_INTER_BROKER_LISTENER_NAME ?? '';
    const advertised = listeners(environment.KAFKA_ADVERTISED_LISTENERS);
    expect(advertised[name], `${name} is not an advertised listener`).toBeDefined();
    expect(advertised[name]).not.toBe(exported.KAFKA_BROKERS);
    expect(advertised[name]).toBe(environmentOf('connect').BOOTSTRAP_SERVERS);
    expect(environment.KAFKA_CONTROLLER_LISTENER_NAMES).not.toBe(name);
  });

  it('runs Kafbat UI, the maintained fork of provectuslabs/kafka-ui, at a released tag', () => {
    const image = service('kafka-ui').image ?? '';
    expect(image).toMatch(/^kafbat\/kafka-ui:v\d+\.\d+\.\d+$/);
    expect(text).not.toContain('provectuslabs/kafka-ui:');
    // Its cluster settings keep provectus's names: kafka.clusters[0].* through Spring's binding.
    expect(Object.keys(environmentOf('kafka-ui')).every((name) => name.startsWith('KAFKA_CLUSTERS_0_'))).toBe(true);
  });

  it('lets the other containers reach Kafka through its in-network listener', () => {
    const advertised = Object.values(listeners(environmentOf('kafka').KAFKA_ADVERTISED_LISTENERS));
    const strip = (address: string | undefined) => (address ?? '').replace(/^PLAINTEXT:\/\//, '');
    expect(advertised).toContain(strip(environmentOf('schema-registry').SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS));
    expect(advertised).toContain(strip(environmentOf('connect').BOOTSTRAP_SERVERS));
    expect(advertised).toContain(strip(environmentOf('kafka-ui').KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS));
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
