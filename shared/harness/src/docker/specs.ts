import crypto from 'node:crypto';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import type { DependencyMap } from '../dependencies.ts';
import type { ServiceName } from '../types.ts';
import { KAFKA_VERSION } from '../local/kafka-version.ts';
import {
  CONNECT_GROUP_ID,
  CONNECT_TOPICS,
  DEBEZIUM_VERSION,
  POSTGRES_CONNECTOR_CLASS,
  workerProperties,
} from '../local/connect.ts';

/**
 * What each container of the Docker stack looks like, as plain data. Keeping the definitions
 * free of testcontainers objects lets unit tests (and docker-compose.yml's consistency test)
 * check them on machines without a Docker engine.
 */

export const POSTGRES_MAJOR_VERSION = 16;
export const POSTGRES_IMAGE = postgresImage(POSTGRES_MAJOR_VERSION);

/**
 * The official image of a major (CDC_LAB_POSTGRES picks it; 16 otherwise). From 18 on the
 * image keeps its data under /var/lib/postgresql/<major>/docker with the volume one level up;
 * the stack mounts no volume, so every major runs from the same spec.
 */
export function postgresImage(major: number): string {
  return `postgres:${major}`;
}
export const POSTGRES_USER = 'postgres';
export const POSTGRES_DATABASE = 'cdclab';
/** The port Postgres listens on inside its container. */
export const POSTGRES_CONTAINER_PORT = 5432;

/** The same release as the local provider runs: one version for every provider. */
export { KAFKA_VERSION };
export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;
export const KAFKA_CLUSTER_ID = 'uJIpAnNMDj-CZP8DdH1Bhw';
/**
 * The KRaft controller listener and the listener for other containers stay inside Docker, so
 * their ports can be fixed. Host ports come from the ephemeral range (32768 and up on Linux,
 * 49152 and up elsewhere), so they never collide with these.
 */
export const KAFKA_CONTROLLER_PORT = 9093;
export const KAFKA_INTERNAL_PORT = 19092;
/** The name under which every container of a stack reaches the broker on the stack network. */
export const KAFKA_NETWORK_ALIAS = 'kafka';
/** What the registry and Connect use as bootstrap servers: the broker's in-network listener. */
export const KAFKA_INTERNAL_BOOTSTRAP = `${KAFKA_NETWORK_ALIAS}:${KAFKA_INTERNAL_PORT}`;
/** The address the broker advertises on its in-network listener; its presence marks a broker other containers can use. */
export const KAFKA_INTERNAL_ADVERTISED = `INTERNAL://${KAFKA_INTERNAL_BOOTSTRAP}`;

export const POSTGRES_NETWORK_ALIAS = 'postgres';
/** How Kafka Connect reaches Postgres from inside the stack network: CONNECT_DATABASE_HOST. */
export const CONNECT_DATABASE_HOST = `${POSTGRES_NETWORK_ALIAS}:${POSTGRES_CONTAINER_PORT}`;

/**
 * Confluent's Schema Registry, the one docker-compose.yml runs too. It keeps its schemas in a
 * Kafka topic (`_schemas`), so it needs only the broker.
 */
export const SCHEMA_REGISTRY_VERSION = '7.7.1';
export const SCHEMA_REGISTRY_IMAGE = `confluentinc/cp-schema-registry:${SCHEMA_REGISTRY_VERSION}`;
export const SCHEMA_REGISTRY_CONTAINER_PORT = 8081;
export const SCHEMA_REGISTRY_NETWORK_ALIAS = 'schema-registry';
/** Confluent's own default, set explicitly: the local provider (Apicurio) sets the same. */
export const SCHEMA_REGISTRY_COMPATIBILITY = 'BACKWARD';

/** Kafka Connect with every Debezium connector: the same Debezium release as the local provider. */
export { DEBEZIUM_VERSION };
export const CONNECT_IMAGE = `quay.io/debezium/connect:${DEBEZIUM_VERSION}`;
export const CONNECT_CONTAINER_PORT = 8083;
export const CONNECT_NETWORK_ALIAS = 'connect';

/** Labels that tie a container to the stack (state folder) that created it. */
export const STACK_LABEL = 'cdc-lab.stack';
export const SERVICE_LABEL = 'cdc-lab.service';

/**
 * Server settings every lab relies on: logical decoding needs wal_level=logical, and graders
 * open many slots, walsenders and connections in parallel (each test gets its own slot).
 */
export const POSTGRES_SERVER_SETTINGS = [
  'wal_level=logical',
  'max_replication_slots=64',
  'max_wal_senders=64',
  'max_connections=300',
] as const;

/**
 * A single broker cannot hold three replicas of Kafka's internal topics. Without these, the
 * first transactional producer (lab 5) or consumer group waits forever for replicas that never
 * come; the rebalance delay only makes tests slower on a one-member group.
 */
export const KAFKA_SINGLE_NODE_SETTINGS = {
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
} as const;

/** How to tell that a container's service is ready, as data (turned into a wait strategy later). */
export type Readiness =
  | { kind: 'command'; command: string }
  | { kind: 'log'; pattern: RegExp }
  /** An HTTP GET on a container port answers 2xx (and its body contains `bodyIncludes`). */
  | { kind: 'http'; port: number; path: string; bodyIncludes?: string }
  | { kind: 'all'; of: Readiness[] };

/** How long a first start may take once the image is present (initdb, JVM start). */
const POSTGRES_STARTUP_MS = 120_000;
const KAFKA_STARTUP_MS = 180_000;
const SCHEMA_REGISTRY_STARTUP_MS = 120_000;
/** The Connect image scans every Debezium connector's plugin folder on start. */
const CONNECT_STARTUP_MS = 180_000;

/** Every service has a container now; the alias stays so that callers read as before. */
export type DockerService = ServiceName;

/**
 * What each service needs running first. Confluent's registry keeps its schemas in Kafka (the
 * local Apicurio in Postgres, hence a map of our own); Connect needs Kafka for its own topics
 * and Postgres on the stack network for the Debezium connectors that lab 9 registers.
 */
export const DOCKER_DEPENDS_ON: DependencyMap = {
  postgres: [],
  kafka: [],
  registry: ['kafka'],
  connect: ['kafka', 'postgres'],
};

/**
 * The image's first-boot initialisation runs a temporary server on the Unix socket only, so a
 * TCP probe succeeds only once the real server is up; it works unchanged after a restart.
 */
const POSTGRES_READINESS: Readiness = {
  kind: 'command',
  command: `pg_isready -h 127.0.0.1 -p ${POSTGRES_CONTAINER_PORT} -U ${POSTGRES_USER} -d ${POSTGRES_DATABASE}`,
};

/** Logged once per start, after the broker has joined its own KRaft quorum and opened its listeners. */
const KAFKA_READINESS: Readiness = { kind: 'log', pattern: /Kafka Server started/ };

/** The REST API answers once the registry has read its `_schemas` topic. */
const SCHEMA_REGISTRY_READINESS: Readiness = { kind: 'http', port: SCHEMA_REGISTRY_CONTAINER_PORT, path: '/subjects' };

/**
 * Like the local worker: /health answers 200 once the worker has joined its group and read its
 * config topic (so connectors can be created), and the Debezium Postgres connector is listed.
 */
const CONNECT_READINESS: Readiness = {
  kind: 'all',
  of: [
    { kind: 'http', port: CONNECT_CONTAINER_PORT, path: '/health' },
    { kind: 'http', port: CONNECT_CONTAINER_PORT, path: '/connector-plugins', bodyIncludes: POSTGRES_CONNECTOR_CLASS },
  ],
};

const READINESS: Record<DockerService, { readiness: Readiness; startupTimeoutMs: number }> = {
  postgres: { readiness: POSTGRES_READINESS, startupTimeoutMs: POSTGRES_STARTUP_MS },
  kafka: { readiness: KAFKA_READINESS, startupTimeoutMs: KAFKA_STARTUP_MS },
  registry: { readiness: SCHEMA_REGISTRY_READINESS, startupTimeoutMs: SCHEMA_REGISTRY_STARTUP_MS },
  connect: { readiness: CONNECT_READINESS, startupTimeoutMs: CONNECT_STARTUP_MS },
};

/** What a restart must wait for: the same as a first start, without the rest of the spec. */
export function readinessOf(service: DockerService): { readiness: Readiness; startupTimeoutMs: number } {
  return READINESS[service];
}

export interface PortBinding {
  container: number;
  host: number;
}

/** A user-defined network and the names other containers reach this one by on it. */
export interface NetworkAttachment {
  name: string;
  aliases: string[];
}

export interface ContainerSpec {
  service: DockerService;
  image: string;
  command: string[];
  environment: Record<string, string>;
  ports: PortBinding[];
  labels: Record<string, string>;
  network: NetworkAttachment;
  readiness: Readiness;
  startupTimeoutMs: number;
  /** /dev/shm size; Docker's default 64 MB is too small for Postgres' parallel queries. */
  sharedMemoryBytes?: number;
}

/**
 * One label value per state folder, so that two checkouts (or a test run with its own
 * CDC_LAB_STATE_DIR) never adopt or remove each other's containers.
 */
export function stackId(stateDir: string): string {
  return crypto.createHash('sha256').update(path.resolve(stateDir)).digest('hex').slice(0, 12);
}

export function stackLabels(stateDir: string, service: ServiceName): Record<string, string> {
  return { [STACK_LABEL]: stackId(stateDir), [SERVICE_LABEL]: service };
}

/**
 * One network per stack, where the containers find each other by alias (`kafka`, `postgres`).
 * Named after the stack id, so two checkouts never share one, and labelled like the containers,
 * so `teardown` can find it; it carries no service label because it belongs to all of them.
 */
export function stackNetworkName(stateDir: string): string {
  return `cdc-lab-${stackId(stateDir)}`;
}

export function stackNetworkLabels(stateDir: string): Record<string, string> {
  return { [STACK_LABEL]: stackId(stateDir) };
}

function onStackNetwork(stateDir: string, alias: string): NetworkAttachment {
  return { name: stackNetworkName(stateDir), aliases: [alias] };
}

/** URL-safe, so DATABASE_URL needs no percent-encoding. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export interface PostgresSpecOptions {
  stateDir: string;
  password: string;
  /** The major to run; the default is POSTGRES_MAJOR_VERSION. */
  major?: number;
  /** Fixed rather than Docker-assigned: `docker start` would otherwise pick a new random port. */
  hostPort: number;
}

export function postgresSpec({ stateDir, password, hostPort, major = POSTGRES_MAJOR_VERSION }: PostgresSpecOptions): ContainerSpec {
  return {
    service: 'postgres',
    image: postgresImage(major),
    command: ['postgres', ...POSTGRES_SERVER_SETTINGS.flatMap((setting) => ['-c', setting])],
    environment: {
      POSTGRES_USER,
      POSTGRES_PASSWORD: password,
      POSTGRES_DB: POSTGRES_DATABASE,
    },
    ports: [{ container: POSTGRES_CONTAINER_PORT, host: hostPort }],
    labels: stackLabels(stateDir, 'postgres'),
    network: onStackNetwork(stateDir, POSTGRES_NETWORK_ALIAS),
    ...readinessOf('postgres'),
    sharedMemoryBytes: 256 * 1024 * 1024,
  };
}

export interface KafkaSpecOptions {
  stateDir: string;
  /**
   * Used as the container port too. The broker tells clients to reconnect to its advertised
   * address, so that address must be the one the host reaches; with the same number on both
   * sides there is no translation to get wrong.
   */
  hostPort: number;
  /** The host name clients on this machine use to reach Docker's published ports. */
  advertisedHost?: string;
}

export function kafkaSpec({ stateDir, hostPort, advertisedHost = 'localhost' }: KafkaSpecOptions): ContainerSpec {
  return {
    service: 'kafka',
    image: KAFKA_IMAGE,
    // The image's own entrypoint turns KAFKA_* variables into server.properties.
    command: [],
    environment: {
      // KRaft formats its storage for one cluster id (a base64url UUID, here md5("cdc-lab")).
      // It must be set explicitly once any KAFKA_* variable is, and fixed so that
      // `docker start` finds the storage it formatted the first time.
      CLUSTER_ID: KAFKA_CLUSTER_ID,
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      // PLAINTEXT for programs on this machine (through the published port), INTERNAL for the
      // registry and Connect on the stack network. A broker hands each client the advertised
      // address of the listener it came in on, so each side needs its own. The broker talks to
      // itself (transaction markers, for one) on INTERNAL: the host-facing address is right for
      // this machine only, and not reachable from inside the container with a remote engine.
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${hostPort},INTERNAL://0.0.0.0:${KAFKA_INTERNAL_PORT},CONTROLLER://0.0.0.0:${KAFKA_CONTROLLER_PORT}`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${advertisedHost}:${hostPort},${KAFKA_INTERNAL_ADVERTISED}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${KAFKA_CONTROLLER_PORT}`,
      // The image's default; it lives in the container's own filesystem, which `docker stop`
      // keeps and `docker rm` discards, exactly the lifetime of the stack's data.
      KAFKA_LOG_DIRS: '/tmp/kraft-combined-logs',
      ...KAFKA_SINGLE_NODE_SETTINGS,
    },
    ports: [{ container: hostPort, host: hostPort }],
    labels: stackLabels(stateDir, 'kafka'),
    network: onStackNetwork(stateDir, KAFKA_NETWORK_ALIAS),
    ...readinessOf('kafka'),
  };
}

/**
 * Whether a Kafka container (its environment as `docker inspect` lists it, KEY=value) has the
 * in-network listener. Stacks created before the registry and Connect had containers lack it,
 * and a container's environment cannot change after creation.
 */
export function advertisesInNetworkListener(containerEnv: readonly string[]): boolean {
  const advertised = containerEnv.find((entry) => entry.startsWith('KAFKA_ADVERTISED_LISTENERS='));
  return advertised?.split('=').slice(1).join('=').split(',').includes(KAFKA_INTERNAL_ADVERTISED) ?? false;
}

/**
 * Registry settings that do not depend on where Kafka is: shared with docker-compose.yml,
 * whose consistency test compares them. The image turns SCHEMA_REGISTRY_* into properties.
 */
export const SCHEMA_REGISTRY_SETTINGS = {
  // The name this instance gives itself in the registry's leader election; the alias resolves
  // to it on the stack network.
  SCHEMA_REGISTRY_HOST_NAME: SCHEMA_REGISTRY_NETWORK_ALIAS,
  SCHEMA_REGISTRY_LISTENERS: `http://0.0.0.0:${SCHEMA_REGISTRY_CONTAINER_PORT}`,
  // One broker cannot hold the default three replicas of `_schemas`.
  SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: '1',
  SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL: SCHEMA_REGISTRY_COMPATIBILITY,
} as const;

export interface HttpServiceSpecOptions {
  stateDir: string;
  /** Fixed rather than Docker-assigned, like Postgres', so `docker start` keeps the address. */
  hostPort: number;
}

export function registrySpec({ stateDir, hostPort }: HttpServiceSpecOptions): ContainerSpec {
  return {
    service: 'registry',
    image: SCHEMA_REGISTRY_IMAGE,
    command: [],
    environment: {
      ...SCHEMA_REGISTRY_SETTINGS,
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: `PLAINTEXT://${KAFKA_INTERNAL_BOOTSTRAP}`,
    },
    ports: [{ container: SCHEMA_REGISTRY_CONTAINER_PORT, host: hostPort }],
    labels: stackLabels(stateDir, 'registry'),
    network: onStackNetwork(stateDir, SCHEMA_REGISTRY_NETWORK_ALIAS),
    ...readinessOf('registry'),
  };
}

/**
 * The local worker's settings (workerProperties) that mean the same in a container: its group,
 * its three topics at replication factor 1, JSON without schemas, exactly-once source support
 * and the one-second offset flush. Left out: the REST listener, plugin path and plugin
 * discovery, which describe the local machine; the image brings its own plugins.
 */
export const SHARED_WORKER_PROPERTIES = [
  'bootstrap.servers',
  'group.id',
  'config.storage.topic',
  'offset.storage.topic',
  'status.storage.topic',
  'config.storage.replication.factor',
  'offset.storage.replication.factor',
  'status.storage.replication.factor',
  'key.converter',
  'value.converter',
  'key.converter.schemas.enable',
  'value.converter.schemas.enable',
  'exactly.once.source.support',
  'offset.flush.interval.ms',
] as const;

/**
 * Worker properties the image's entrypoint sets from variables of its own. It exports
 * CONNECT_KEY_CONVERTER=$KEY_CONVERTER, CONNECT_OFFSET_FLUSH_INTERVAL_MS=$OFFSET_FLUSH_INTERVAL_MS
 * and so on, with defaults, *after* reading the environment: a CONNECT_* variable for one of
 * these would be overwritten, so they must go through the image's own names.
 */
export const CONNECT_IMAGE_VARIABLES: Readonly<Record<string, string>> = {
  'bootstrap.servers': 'BOOTSTRAP_SERVERS',
  'group.id': 'GROUP_ID',
  'config.storage.topic': 'CONFIG_STORAGE_TOPIC',
  'offset.storage.topic': 'OFFSET_STORAGE_TOPIC',
  'status.storage.topic': 'STATUS_STORAGE_TOPIC',
  'key.converter': 'KEY_CONVERTER',
  'value.converter': 'VALUE_CONVERTER',
  'offset.flush.interval.ms': 'OFFSET_FLUSH_INTERVAL_MS',
};

/**
 * The image's variable for a worker property: its own name when it has one, otherwise
 * CONNECT_ + the property upper-cased with dots as underscores (the entrypoint reverses that,
 * so a property whose name holds an underscore or dash cannot be passed this way).
 */
export function connectVariableFor(property: string): string {
  const own = CONNECT_IMAGE_VARIABLES[property];
  if (own !== undefined) return own;
  if (!/^[a-z0-9.]+$/.test(property)) {
    throw new StackError(`the Connect image cannot take the worker property ${property} from its environment`, {
      hint: 'its entrypoint turns CONNECT_A_B into a.b, so only names of letters, digits and dots pass; set it in a connector config instead',
    });
  }
  return `CONNECT_${property.toUpperCase().replaceAll('.', '_')}`;
}

/** The local worker's shared settings for a worker bootstrapping from `brokers`, as image variables. */
function workerEnvironment(brokers: string): Record<string, string> {
  const properties = workerProperties({ brokers, port: CONNECT_CONTAINER_PORT, pluginPath: '' });
  return Object.fromEntries(SHARED_WORKER_PROPERTIES.map((property) => {
    const value = properties[property];
    if (value === undefined) {
      throw new StackError(`the local Connect worker no longer sets ${property}`, {
        hint: 'update SHARED_WORKER_PROPERTIES in shared/harness/src/docker/specs.ts to match workerProperties',
      });
    }
    return [connectVariableFor(property), value];
  }));
}

/**
 * Connect settings that do not depend on where Kafka is, shared with docker-compose.yml (whose
 * consistency test compares them): the worker's settings, and its REST API on every interface
 * of the container (it sits on two networks, and the entrypoint would otherwise pick one
 * address), advertised under the name the stack network knows it by.
 */
export const CONNECT_WORKER_SETTINGS: Readonly<Record<string, string>> = (() => {
  const { BOOTSTRAP_SERVERS: _bootstrap, ...settings } = workerEnvironment(KAFKA_INTERNAL_BOOTSTRAP);
  return {
    ...settings,
    CONNECT_LISTENERS: `http://0.0.0.0:${CONNECT_CONTAINER_PORT}`,
    ADVERTISED_HOST_NAME: CONNECT_NETWORK_ALIAS,
    ADVERTISED_PORT: String(CONNECT_CONTAINER_PORT),
  };
})();

export function connectSpec({ stateDir, hostPort }: HttpServiceSpecOptions): ContainerSpec {
  return {
    service: 'connect',
    image: CONNECT_IMAGE,
    // The image's default command, `start`, runs the distributed worker.
    command: [],
    environment: { ...CONNECT_WORKER_SETTINGS, BOOTSTRAP_SERVERS: KAFKA_INTERNAL_BOOTSTRAP },
    ports: [{ container: CONNECT_CONTAINER_PORT, host: hostPort }],
    labels: stackLabels(stateDir, 'connect'),
    network: onStackNetwork(stateDir, CONNECT_NETWORK_ALIAS),
    ...readinessOf('connect'),
  };
}

/** Re-exported for tests and docker-compose.yml's consistency test. */
export { CONNECT_GROUP_ID, CONNECT_TOPICS, POSTGRES_CONNECTOR_CLASS };
