import { StackError } from '@cdc-lab/common';
import { waitForKafkaReady } from '../kafka-ready.ts';
import { requestedPostgresMajor } from '../postgres-major.ts';
import type {
  ConnectEndpoint,
  HttpEndpoint,
  KafkaEndpoint,
  PostgresEndpoint,
  ProviderContext,
  ServiceName,
  ServiceRecord,
  StackServices,
} from '../types.ts';
import { launchOnFreePort } from './launch.ts';
import type { DockerClient } from './runtime.ts';
import {
  CONNECT_CONTAINER_PORT,
  CONNECT_DATABASE_HOST,
  CONNECT_IMAGE,
  DEBEZIUM_VERSION,
  KAFKA_IMAGE,
  KAFKA_VERSION,
  POSTGRES_CONTAINER_PORT,
  POSTGRES_DATABASE,
  postgresImage,
  POSTGRES_MAJOR_VERSION,
  POSTGRES_USER,
  SCHEMA_REGISTRY_CONTAINER_PORT,
  SCHEMA_REGISTRY_IMAGE,
  SCHEMA_REGISTRY_VERSION,
  connectSpec,
  generatePassword,
  kafkaSpec,
  postgresSpec,
  registrySpec,
} from './specs.ts';

/**
 * Creating each service's container for the first time, and where each listens once created.
 * The provider decides when (keep, restart, replace); this module only knows how.
 */

export interface CreateContext {
  client: DockerClient;
  ctx: ProviderContext;
  /** What runs already: the services a new one depends on are started before it. */
  running: StackServices;
}

function shortId(id: string): string {
  return id.slice(0, 12);
}

export function createService(service: ServiceName, context: CreateContext): Promise<ServiceRecord> {
  switch (service) {
    case 'postgres':
      return createPostgres(context);
    case 'kafka':
      return createKafka(context);
    case 'registry':
      return createRegistry(context);
    case 'connect':
      return createConnect(context);
  }
}

async function createPostgres({ client, ctx }: CreateContext): Promise<ServiceRecord<PostgresEndpoint>> {
  const password = generatePassword();
  const major = requestedPostgresMajor(ctx.env ?? process.env) ?? POSTGRES_MAJOR_VERSION;
  ctx.report(`starting Postgres ${major} in Docker (${postgresImage(major)}; the first run downloads the image)`);
  const { container, spec } = await launchOnFreePort(
    client,
    (hostPort) => postgresSpec({ stateDir: ctx.stateDir, password, hostPort, major }),
    ctx.report,
  );
  const endpoint: PostgresEndpoint = {
    host: container.getHost(),
    port: container.getMappedPort(POSTGRES_CONTAINER_PORT),
    user: POSTGRES_USER,
    password,
    database: POSTGRES_DATABASE,
    majorVersion: major,
    // No dataDir: pg_wal is inside the container, not readable from this machine.
  };
  ctx.report(`Postgres is ready on ${endpoint.host}:${endpoint.port} (container ${shortId(container.getId())})`);
  return { endpoint, containerId: container.getId(), details: { image: spec.image } };
}

async function createKafka({ client, ctx }: CreateContext): Promise<ServiceRecord<KafkaEndpoint>> {
  // The address clients here use for published ports: localhost for a local engine, the
  // engine's host for a remote DOCKER_HOST. The broker must advertise exactly that.
  const host = client.info.containerRuntime.host;
  ctx.report(`starting Kafka ${KAFKA_VERSION} in Docker (${KAFKA_IMAGE}; the first run downloads the image)`);
  const { container, spec } = await launchOnFreePort(
    client,
    (hostPort) => kafkaSpec({ stateDir: ctx.stateDir, hostPort, advertisedHost: host }),
    ctx.report,
  );
  const port = spec.ports[0]?.host;
  if (port === undefined) throw new StackError('the Kafka container spec publishes no port');
  const endpoint: KafkaEndpoint = { brokers: `${host}:${port}`, version: KAFKA_VERSION };
  await waitForKafkaReady(endpoint.brokers);
  ctx.report(`Kafka is ready on ${endpoint.brokers} (container ${shortId(container.getId())})`);
  return { endpoint, containerId: container.getId(), details: { image: spec.image } };
}

function requireRunning(service: ServiceName, needs: ServiceName, running: StackServices): void {
  if (running[needs] === undefined) {
    // The provider starts dependencies first; reaching this is a bug, not a user's mistake.
    throw new StackError(`${service} needs ${needs}, and none is in this stack`, {
      hint: `start ${needs} first, e.g. pnpm stack up --services ${needs},${service}`,
    });
  }
}

/** The URL clients on this machine use: the engine's host and the port published for `containerPort`. */
function publishedUrl(client: DockerClient, container: { getMappedPort(port: number): number }, containerPort: number): string {
  return `http://${client.info.containerRuntime.host}:${container.getMappedPort(containerPort)}`;
}

async function createRegistry({ client, ctx, running }: CreateContext): Promise<ServiceRecord<HttpEndpoint>> {
  requireRunning('registry', 'kafka', running);
  ctx.report(`starting the schema registry in Docker (${SCHEMA_REGISTRY_IMAGE}; the first run downloads the image)`);
  const { container, spec } = await launchOnFreePort(client, (hostPort) => registrySpec({ stateDir: ctx.stateDir, hostPort }), ctx.report);
  // Confluent's API is at the root; the local provider's Apicurio serves the same API under a
  // path. Either way SCHEMA_REGISTRY_URL is what a Confluent client is given.
  const endpoint: HttpEndpoint = {
    url: publishedUrl(client, container, SCHEMA_REGISTRY_CONTAINER_PORT),
    version: `Confluent ${SCHEMA_REGISTRY_VERSION}`,
  };
  ctx.report(`the schema registry is ready at ${endpoint.url} (container ${shortId(container.getId())})`);
  return { endpoint, containerId: container.getId(), details: { image: spec.image } };
}

async function createConnect({ client, ctx, running }: CreateContext): Promise<ServiceRecord<ConnectEndpoint>> {
  requireRunning('connect', 'kafka', running);
  requireRunning('connect', 'postgres', running);
  ctx.report(`starting Kafka Connect with Debezium ${DEBEZIUM_VERSION} in Docker (${CONNECT_IMAGE}; the first run downloads the image)`);
  const { container, spec } = await launchOnFreePort(client, (hostPort) => connectSpec({ stateDir: ctx.stateDir, hostPort }), ctx.report);
  const endpoint: ConnectEndpoint = {
    url: publishedUrl(client, container, CONNECT_CONTAINER_PORT),
    version: `Debezium ${DEBEZIUM_VERSION}`,
    // Connectors run inside the worker's container, so they reach Postgres by its alias on
    // the stack network, not at DATABASE_URL's host and published port.
    databaseHost: CONNECT_DATABASE_HOST,
  };
  ctx.report(`Kafka Connect is ready at ${endpoint.url} (container ${shortId(container.getId())})`);
  return { endpoint, containerId: container.getId(), details: { image: spec.image } };
}

/** Where a recorded service listens, to check it answers (not merely that its container runs). */
export function listeningAddress(service: ServiceName, record: ServiceRecord): { host: string; port: number } | undefined {
  const endpoint = record.endpoint as Partial<PostgresEndpoint & KafkaEndpoint & HttpEndpoint> | undefined;
  switch (service) {
    case 'postgres':
      return endpoint?.host !== undefined && endpoint.port !== undefined ? { host: endpoint.host, port: endpoint.port } : undefined;
    case 'kafka': {
      const first = endpoint?.brokers?.split(',')[0]?.trim();
      const match = first === undefined ? null : /^(.+):(\d+)$/.exec(first);
      return match?.[1] !== undefined && match[2] !== undefined ? { host: match[1], port: Number(match[2]) } : undefined;
    }
    case 'registry':
    case 'connect': {
      if (endpoint?.url === undefined) return undefined;
      try {
        const url = new URL(endpoint.url);
        // URL keeps the brackets of an IPv6 host; a socket wants the bare address.
        return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
      } catch {
        return undefined;
      }
    }
  }
}
