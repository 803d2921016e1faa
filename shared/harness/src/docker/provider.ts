import { StackError } from '@cdc-lab/common';
import { inDependencyOrder } from '../dependencies.ts';
import { isPortOpen } from '../ports.ts';
import type {
  ProviderContext,
  ServiceName,
  ServiceRecord,
  StackProvider,
  StackServices,
} from '../types.ts';
import { ensureStackNetwork, makeReachableInNetwork, removeStackNetwork } from './network.ts';
import {
  type DockerClient,
  connectToDocker,
  inspectContainer,
  listContainersWithLabel,
  removeContainer,
  startContainer,
  stopContainer,
  pauseContainer,
  unpauseContainer,
} from './runtime.ts';
import { createService, listeningAddress } from './services.ts';
import {
  DOCKER_DEPENDS_ON,
  STACK_LABEL,
  readinessOf,
  stackId,
  stackNetworkName,
} from './specs.ts';

/**
 * The stack as Docker containers, started with testcontainers. Containers are labelled with
 * the stack they belong to and are kept after this process exits (see keepContainersAfterExit),
 * so `pnpm stack up` and a later `pnpm lab 3` share them; `teardown` is what removes them.
 * They share one network per stack, where the registry and Connect reach Kafka and Postgres.
 */

/** Whatever talks to Kafka or Postgres goes first, so that it can shut down cleanly. */
const TEARDOWN_ORDER: readonly ServiceName[] = ['connect', 'registry', 'kafka', 'postgres'];

function shortId(id: string): string {
  return id.slice(0, 12);
}

export class DockerProvider implements StackProvider {
  readonly name = 'docker' as const;

  supports(_service: ServiceName): boolean {
    return true;
  }

  async start(services: readonly ServiceName[], current: StackServices, ctx: ProviderContext): Promise<StackServices> {
    const client = await connectToDocker();
    const network = await ensureStackNetwork(client, ctx.stateDir);
    const next: StackServices = { ...current };
    const createdNow = new Set<ServiceName>();
    for (const service of inDependencyOrder(services, DOCKER_DEPENDS_ON)) {
      const dependencies = DOCKER_DEPENDS_ON[service];
      for (const dependency of dependencies) {
        const id = next[dependency]?.containerId;
        if (id !== undefined) await makeReachableInNetwork(client, network, dependency, id, ctx.report);
      }
      // A dependency created afresh lost its data (Kafka: the registry's `_schemas`, Connect's
      // topics); what depends on it starts from scratch too, as with the local provider.
      const dependencyRecreated = dependencies.some((dependency) => createdNow.has(dependency));
      const existing = next[service] as ServiceRecord | undefined;
      const { record, created } = await this.ensure(client, service, existing, ctx, dependencyRecreated, () =>
        createService(service, { client, ctx, running: next }));
      if (created) createdNow.add(service);
      (next as Record<ServiceName, ServiceRecord>)[service] = record;
      // Recorded at once, so a failure later still lets `pnpm stack down` remove it.
      ctx.onServiceStarted?.(next);
    }
    return next;
  }

  async isRunning(service: ServiceName, record: ServiceRecord, _ctx: ProviderContext): Promise<boolean> {
    if (record.containerId === undefined) return false;
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

  /** `docker pause`: the engine freezes the container's processes; its ports stay published. */
  async pauseService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<void> {
    const id = this.recordedId(service, record);
    ctx.report(`pausing ${service} (container ${shortId(id)})`);
    await pauseContainer(await connectToDocker(), id);
  }

  async resumeService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<void> {
    const id = this.recordedId(service, record);
    ctx.report(`unpausing ${service} (container ${shortId(id)})`);
    await unpauseContainer(await connectToDocker(), id);
  }

  async teardown(services: StackServices, ctx: ProviderContext): Promise<void> {
    const client = await connectToDocker();
    for (const service of TEARDOWN_ORDER) {
      const id = services[service]?.containerId;
      if (id === undefined) continue;
      ctx.report(`removing ${service} (container ${shortId(id)})`);
      await removeContainer(client, id);
    }
    // Containers this stack started but lost track of (a state file deleted by hand, a start
    // interrupted before it was recorded) carry the stack's label: remove those too.
    for (const leftover of await listContainersWithLabel(client, STACK_LABEL, stackId(ctx.stateDir))) {
      ctx.report(`removing leftover container ${shortId(leftover.id)}`);
      await removeContainer(client, leftover.id);
    }
    const network = stackNetworkName(ctx.stateDir);
    const outcome = await removeStackNetwork(client, ctx.stateDir);
    if (outcome === 'removed') ctx.report(`removed the network ${network}`);
    if (outcome === 'in use') ctx.report(`left the network ${network}: a container not started by cdc-lab still uses it`);
  }

  /**
   * Keep what runs, start again what is stopped, create what is missing. `recreate` replaces
   * even a running container (its dependency was created afresh).
   */
  private async ensure(
    client: DockerClient,
    service: ServiceName,
    record: ServiceRecord | undefined,
    ctx: ProviderContext,
    recreate: boolean,
    create: () => Promise<ServiceRecord>,
  ): Promise<{ record: ServiceRecord; created: boolean }> {
    if (record?.containerId !== undefined) {
      const details = await inspectContainer(client, record.containerId);
      if (details !== undefined && recreate) {
        ctx.report(`replacing ${service} (container ${shortId(record.containerId)}): what it depends on was created afresh`);
        await removeContainer(client, record.containerId);
      } else if (details?.State.Running === true) {
        return { record, created: false };
      } else if (details !== undefined) {
        return { record: await this.restartService(service, record, ctx), created: false };
      } else {
        ctx.report(`the ${service} container ${shortId(record.containerId)} is gone; creating a new one`);
      }
    }
    return { record: await create(), created: true };
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
