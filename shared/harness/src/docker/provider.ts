import { StackError } from '@cdc-lab/common';
import { isPortOpen } from '../ports.ts';
import { waitForKafkaReady } from '../kafka-ready.ts';
import type {
  KafkaEndpoint,
  PostgresEndpoint,
  ProviderContext,
  ServiceName,
  ServiceRecord,
  StackProvider,
  StackServices,
} from '../types.ts';
import { launchOnFreePort } from './launch.ts';
import {
  type DockerClient,
  connectToDocker,
  inspectContainer,
  listContainersWithLabel,
  removeContainer,
  startContainer,
  stopContainer,
} from './runtime.ts';
import {
  type DockerService,
  KAFKA_IMAGE,
  KAFKA_VERSION,
  POSTGRES_CONTAINER_PORT,
  POSTGRES_DATABASE,
  POSTGRES_IMAGE,
  POSTGRES_MAJOR_VERSION,
  POSTGRES_USER,
  STACK_LABEL,
  generatePassword,
  kafkaSpec,
  postgresSpec,
  readinessOf,
  stackId,
} from './specs.ts';

/**
 * The stack as Docker containers, started with testcontainers. Containers are labelled with
 * the stack they belong to and are kept after this process exits (see keepContainersAfterExit),
 * so `pnpm stack up` and a later `pnpm lab 3` share them; `teardown` is what removes them.
 */

const DOCKER_SERVICES: readonly DockerService[] = ['postgres', 'kafka'];

/**
 * Not containerised yet. Both need to reach Kafka (and Connect, Postgres) from inside Docker,
 * so the lab that needs them also brings a stack network and an in-network Kafka listener.
 */
const ADDED_LATER: Record<Exclude<ServiceName, DockerService>, { lab: string; image: string }> = {
  registry: { lab: 'lab 8 (08-avro-registry)', image: 'confluentinc/cp-schema-registry' },
  connect: { lab: 'lab 9 (09-debezium)', image: 'quay.io/debezium/connect' },
};

function isDockerService(service: ServiceName): service is DockerService {
  return (DOCKER_SERVICES as readonly ServiceName[]).includes(service);
}

function unsupported(service: Exclude<ServiceName, DockerService>): StackError {
  const { lab, image } = ADDED_LATER[service];
  return new StackError(`the docker provider cannot start ${service} yet`, {
    hint: `${lab} adds it (image ${image}). Until then run \`docker compose up -d\` and use the `
      + 'external provider (see the header of docker-compose.yml), or CDC_LAB_PROVIDER=local',
  });
}

function shortId(id: string): string {
  return id.slice(0, 12);
}

/** Where a recorded service listens, to check it answers (not merely that its container runs). */
function listeningAddress(service: DockerService, record: ServiceRecord): { host: string; port: number } | undefined {
  const endpoint = record.endpoint as Partial<PostgresEndpoint & KafkaEndpoint> | undefined;
  if (service === 'postgres') {
    return endpoint?.host !== undefined && endpoint.port !== undefined ? { host: endpoint.host, port: endpoint.port } : undefined;
  }
  const first = endpoint?.brokers?.split(',')[0]?.trim();
  const match = first === undefined ? null : /^(.+):(\d+)$/.exec(first);
  return match?.[1] !== undefined && match[2] !== undefined ? { host: match[1], port: Number(match[2]) } : undefined;
}

export class DockerProvider implements StackProvider {
  readonly name = 'docker' as const;

  supports(service: ServiceName): boolean {
    return isDockerService(service);
  }

  async start(services: readonly ServiceName[], current: StackServices, ctx: ProviderContext): Promise<StackServices> {
    // Refuse before starting anything, so a lab that needs Connect does not leave half a stack.
    for (const service of services) if (!isDockerService(service)) throw unsupported(service);
    const client = await connectToDocker();
    const next: StackServices = { ...current };
    if (services.includes('postgres')) {
      next.postgres = await this.ensure(client, 'postgres', current.postgres, ctx, () => this.startPostgres(client, ctx));
    }
    if (services.includes('kafka')) {
      next.kafka = await this.ensure(client, 'kafka', current.kafka, ctx, () => this.startKafka(client, ctx));
    }
    return next;
  }

  async isRunning(service: ServiceName, record: ServiceRecord, _ctx: ProviderContext): Promise<boolean> {
    if (!isDockerService(service) || record.containerId === undefined) return false;
    let client: DockerClient;
    try {
      client = await connectToDocker();
    } catch {
      return false; // no engine, so nothing of ours runs
    }
    const details = await inspectContainer(client, record.containerId);
    if (details?.State.Running !== true) return false;
    const address = listeningAddress(service, record);
    return address !== undefined && isPortOpen(address.port, address.host);
  }

  async stopService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<void> {
    const id = this.recordedId(service, record);
    const client = await connectToDocker();
    ctx.report(`stopping ${service} (container ${shortId(id)}), keeping its data`);
    await stopContainer(client, id);
  }

  async restartService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<ServiceRecord> {
    const id = this.recordedId(service, record);
    if (!isDockerService(service)) throw unsupported(service);
    const client = await connectToDocker();
    if ((await inspectContainer(client, id)) === undefined) {
      throw new StackError(`the ${service} container ${shortId(id)} no longer exists`, {
        hint: 'it was removed outside cdc-lab; run `pnpm stack down` and `pnpm stack up` for a fresh stack',
      });
    }
    ctx.report(`starting ${service} again (container ${shortId(id)})`);
    const { readiness, startupTimeoutMs } = readinessOf(service);
    await startContainer(client, id, readiness, startupTimeoutMs);
    // Host ports were bound explicitly at creation, so the endpoint is unchanged.
    return record;
  }

  async teardown(services: StackServices, ctx: ProviderContext): Promise<void> {
    const client = await connectToDocker();
    const recorded = Object.entries(services).flatMap(([service, record]) =>
      record?.containerId === undefined ? [] : [{ service, id: record.containerId }],
    );
    for (const { service, id } of recorded) {
      ctx.report(`removing ${service} (container ${shortId(id)})`);
      await removeContainer(client, id);
    }
    // Containers this stack started but lost track of (a state file deleted by hand, a start
    // interrupted before it was recorded) carry the stack's label: remove those too.
    for (const leftover of await listContainersWithLabel(client, STACK_LABEL, stackId(ctx.stateDir))) {
      ctx.report(`removing leftover container ${shortId(leftover.id)}`);
      await removeContainer(client, leftover.id);
    }
  }

  /** Keep what runs, start again what is stopped, create what is missing. */
  private async ensure<E>(
    client: DockerClient,
    service: DockerService,
    record: ServiceRecord<E> | undefined,
    ctx: ProviderContext,
    create: () => Promise<ServiceRecord<E>>,
  ): Promise<ServiceRecord<E>> {
    if (record?.containerId !== undefined) {
      const details = await inspectContainer(client, record.containerId);
      if (details?.State.Running === true) return record;
      if (details !== undefined) {
        await this.restartService(service, record, ctx);
        return record;
      }
      ctx.report(`the ${service} container ${shortId(record.containerId)} is gone; creating a new one`);
    }
    return create();
  }

  private async startPostgres(client: DockerClient, ctx: ProviderContext): Promise<ServiceRecord<PostgresEndpoint>> {
    const password = generatePassword();
    ctx.report(`starting Postgres ${POSTGRES_MAJOR_VERSION} in Docker (${POSTGRES_IMAGE}; the first run downloads the image)`);
    const { container, spec } = await launchOnFreePort(
      client,
      (hostPort) => postgresSpec({ stateDir: ctx.stateDir, password, hostPort }),
      ctx.report,
    );
    const endpoint: PostgresEndpoint = {
      host: container.getHost(),
      port: container.getMappedPort(POSTGRES_CONTAINER_PORT),
      user: POSTGRES_USER,
      password,
      database: POSTGRES_DATABASE,
      majorVersion: POSTGRES_MAJOR_VERSION,
      // No dataDir: pg_wal is inside the container, not readable from this machine.
    };
    ctx.report(`Postgres is ready on ${endpoint.host}:${endpoint.port} (container ${shortId(container.getId())})`);
    return { endpoint, containerId: container.getId(), details: { image: spec.image } };
  }

  private async startKafka(client: DockerClient, ctx: ProviderContext): Promise<ServiceRecord<KafkaEndpoint>> {
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

  private recordedId(service: ServiceName, record: ServiceRecord): string {
    if (record.containerId === undefined) {
      throw new StackError(`no container is recorded for ${service}`, {
        hint: 'the stack was not started by the docker provider; run `pnpm stack status` to see which one started it',
      });
    }
    return record.containerId;
  }
}
