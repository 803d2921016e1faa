import crypto from 'node:crypto';
import path from 'node:path';
import type { ServiceName } from '../types.ts';
import { KAFKA_VERSION } from '../local/kafka-version.ts';

/**
 * What each container of the Docker stack looks like, as plain data. Keeping the definitions
 * free of testcontainers objects lets unit tests (and docker-compose.yml's consistency test)
 * check them on machines without a Docker engine.
 */

export const POSTGRES_IMAGE = 'postgres:16';
export const POSTGRES_MAJOR_VERSION = 16;
export const POSTGRES_USER = 'postgres';
export const POSTGRES_DATABASE = 'cdclab';
/** The port Postgres listens on inside its container. */
export const POSTGRES_CONTAINER_PORT = 5432;

/** The same release as the local provider runs: one version for every provider. */
export { KAFKA_VERSION };
export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;
export const KAFKA_CLUSTER_ID = 'uJIpAnNMDj-CZP8DdH1Bhw';
/** The KRaft controller listener stays inside the container, so its port can be fixed. */
export const KAFKA_CONTROLLER_PORT = 9093;

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
  | { kind: 'log'; pattern: RegExp };

/** How long a first start may take once the image is present (initdb, JVM start). */
const POSTGRES_STARTUP_MS = 120_000;
const KAFKA_STARTUP_MS = 180_000;

/** Services this module knows how to containerise; labs 8 and 9 will add registry and connect. */
export type DockerService = Extract<ServiceName, 'postgres' | 'kafka'>;

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

/** What a restart must wait for: the same as a first start, without the rest of the spec. */
export function readinessOf(service: DockerService): { readiness: Readiness; startupTimeoutMs: number } {
  return service === 'postgres'
    ? { readiness: POSTGRES_READINESS, startupTimeoutMs: POSTGRES_STARTUP_MS }
    : { readiness: KAFKA_READINESS, startupTimeoutMs: KAFKA_STARTUP_MS };
}

export interface PortBinding {
  container: number;
  host: number;
}

export interface ContainerSpec {
  service: DockerService;
  image: string;
  command: string[];
  environment: Record<string, string>;
  ports: PortBinding[];
  labels: Record<string, string>;
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

/** URL-safe, so DATABASE_URL needs no percent-encoding. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export interface PostgresSpecOptions {
  stateDir: string;
  password: string;
  /** Fixed rather than Docker-assigned: `docker start` would otherwise pick a new random port. */
  hostPort: number;
}

export function postgresSpec({ stateDir, password, hostPort }: PostgresSpecOptions): ContainerSpec {
  return {
    service: 'postgres',
    image: POSTGRES_IMAGE,
    command: ['postgres', ...POSTGRES_SERVER_SETTINGS.flatMap((setting) => ['-c', setting])],
    environment: {
      POSTGRES_USER,
      POSTGRES_PASSWORD: password,
      POSTGRES_DB: POSTGRES_DATABASE,
    },
    ports: [{ container: POSTGRES_CONTAINER_PORT, host: hostPort }],
    labels: stackLabels(stateDir, 'postgres'),
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
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${hostPort},CONTROLLER://0.0.0.0:${KAFKA_CONTROLLER_PORT}`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${advertisedHost}:${hostPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${KAFKA_CONTROLLER_PORT}`,
      // The image's default; it lives in the container's own filesystem, which `docker stop`
      // keeps and `docker rm` discards, exactly the lifetime of the stack's data.
      KAFKA_LOG_DIRS: '/tmp/kraft-combined-logs',
      ...KAFKA_SINGLE_NODE_SETTINGS,
    },
    ports: [{ container: hostPort, host: hostPort }],
    labels: stackLabels(stateDir, 'kafka'),
    ...readinessOf('kafka'),
  };
}
