import { StackError } from '@cdc-lab/common';
import { BoundPorts, Wait, getContainerRuntimeClient } from 'testcontainers';
import type { ContainerRuntimeClient, WaitStrategy } from 'testcontainers';
import { discoverDockerEndpoint, exportDockerEndpoint } from './endpoint.ts';
import type { Readiness } from './specs.ts';

/**
 * The few things the provider asks of the Docker engine once a container exists: inspect,
 * stop, start, remove, list. All go through testcontainers' own client, so they honour the
 * same DOCKER_HOST / ~/.testcontainers.properties as the containers it started.
 */

export type DockerClient = ContainerRuntimeClient;
type DockerContainer = ReturnType<DockerClient['container']['getById']>;
export type ContainerDetails = Awaited<ReturnType<DockerClient['container']['inspect']>>;

/**
 * The stack must outlive the command that started it (`pnpm stack up`, then later
 * `pnpm lab 3`). testcontainers normally starts Ryuk, a companion container that removes
 * everything of a session as soon as the starting process exits. Reused containers are not
 * tagged with a session, but a user may turn reuse off (TESTCONTAINERS_REUSE_ENABLE=false),
 * so Ryuk is disabled outright; `teardown` removes our containers by id and label instead.
 * This must happen before the first testcontainers call, which reads the variable then.
 */
export function keepContainersAfterExit(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
}

export async function connectToDocker(): Promise<DockerClient> {
  keepContainersAfterExit();
  // testcontainers reads no Docker contexts: tell it the engine the docker CLI would use.
  exportDockerEndpoint();
  try {
    return await getContainerRuntimeClient();
  } catch (error) {
    const check = discoverDockerEndpoint();
    const where = check.usable ? ` at ${check.endpoint.host} (${check.endpoint.source})` : `: ${check.why}`;
    throw new StackError(`no Docker engine answers${where}`, {
      cause: error,
      hint: 'start Docker (or set DOCKER_HOST to your engine\'s socket, e.g. the one `docker context inspect` shows), '
        + 'or run the services as local processes with CDC_LAB_PROVIDER=local',
    });
  }
}

/** The docker API signals "no such container" and "already in that state" by HTTP status. */
function hasStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === status;
}

export async function inspectContainer(client: DockerClient, id: string): Promise<ContainerDetails | undefined> {
  try {
    return await client.container.inspect(client.container.getById(id));
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Freeze a container (`docker pause`); one already paused is left as it is. */
export async function pauseContainer(client: DockerClient, id: string): Promise<void> {
  try {
    await client.container.getById(id).pause();
  } catch (error) {
    if (!isAlready(error, /already paused/i)) throw error;
  }
}

/** Thaw a container (`docker unpause`); one that is not paused is left as it is. */
export async function unpauseContainer(client: DockerClient, id: string): Promise<void> {
  try {
    await client.container.getById(id).unpause();
  } catch (error) {
    if (!isAlready(error, /not paused/i)) throw error;
  }
}

/** The engine answers 409 Conflict, with its reason, when a container is already in that state. */
function isAlready(error: unknown, reason: RegExp): boolean {
  return hasStatus(error, 409) && reason.test(String((error as { message?: unknown }).message ?? ''));
}

function strategyFor(readiness: Exclude<Readiness, { kind: 'all' }>): WaitStrategy {
  switch (readiness.kind) {
    case 'command':
      return Wait.forSuccessfulCommand(readiness.command);
    case 'log':
      return Wait.forLogMessage(readiness.pattern);
    case 'http': {
      const { bodyIncludes } = readiness;
      const strategy = Wait.forHttp(readiness.path, readiness.port).forStatusCodeMatching((status) => status >= 200 && status < 300);
      return bodyIncludes === undefined ? strategy : strategy.forResponsePredicate((body) => body.includes(bodyIncludes));
    }
  }
}

export function waitStrategyFor(readiness: Readiness, timeoutMs: number): WaitStrategy {
  if (readiness.kind === 'all') {
    // The parts are checked side by side, so each gets the whole budget, and so does the whole.
    return Wait.forAll(readiness.of.map((part) => waitStrategyFor(part, timeoutMs))).withDeadline(timeoutMs);
  }
  return strategyFor(readiness).withStartupTimeout(timeoutMs);
}

/**
 * The host ports a container publishes, keyed by container port, as an HTTP wait strategy looks
 * them up. testcontainers fills this itself on a first start; after our own `docker start` it
 * must come from `docker inspect`.
 */
export function boundPortsOf(details: Pick<ContainerDetails, 'NetworkSettings'>): BoundPorts {
  const bound = new BoundPorts();
  for (const [key, bindings] of Object.entries(details.NetworkSettings?.Ports ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    const hostPort = Number(bindings?.find((binding) => binding.HostPort)?.HostPort);
    if (port !== undefined && Number.isInteger(hostPort) && hostPort > 0) bound.setBinding(Number(port), hostPort, protocol);
  }
  return bound;
}

type PortDetails = Pick<ContainerDetails, 'HostConfig' | 'NetworkSettings'>;

/** Whether every port the container was created to publish has its host port listed. */
export function portsPublished(details: PortDetails): boolean {
  const requested = Object.keys(details.HostConfig?.PortBindings ?? {});
  const listed = details.NetworkSettings?.Ports ?? {};
  return requested.every((port) => listed[port]?.some((binding) => Boolean(binding.HostPort)) === true);
}

/**
 * Inspect until the published ports appear, which some engines (Docker Desktop, Podman) report
 * a moment after the start returns; a wait strategy given no ports would wait on nothing.
 */
export async function inspectUntilPortsPublished<D extends PortDetails>(
  inspect: () => Promise<D>,
  id: string,
  { timeoutMs = 10_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<D> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const details = await inspect();
    if (portsPublished(details)) return details;
    if (Date.now() >= deadline) {
      throw new StackError(`the container ${id.slice(0, 12)} was started, but its ports were not published within ${timeoutMs} ms`, {
        hint: 'see `docker inspect` of that container (NetworkSettings.Ports); `pnpm stack down` then `pnpm stack up` starts afresh',
        retriable: true,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * `docker stop`: the image's stop signal (a fast shutdown for Postgres), then SIGKILL after the
 * grace period. The container, its port bindings and its data stay for `startContainer`.
 */
export async function stopContainer(client: DockerClient, id: string, graceMs = 10_000): Promise<void> {
  try {
    await client.container.stop(client.container.getById(id), { timeout: graceMs });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}

/**
 * `docker start` of an existing container, then wait until it is ready again. Only log lines
 * written since this start count, or a Kafka restart would be "ready" on last run's message.
 */
export async function startContainer(
  client: DockerClient,
  id: string,
  readiness: Readiness,
  timeoutMs: number,
): Promise<ContainerDetails> {
  const container: DockerContainer = client.container.getById(id);
  let details = await client.container.inspect(container);
  if (!details.State.Running) {
    await client.container.start(container);
    // Right after `docker start` the engine may not list the published ports yet.
    details = await inspectUntilPortsPublished(() => client.container.inspect(container), id);
  }
  // Our own wait, not testcontainers' waitForContainer: that one removes the container when it
  // is not ready in time, and this container holds data the user wants back.
  await waitStrategyFor(readiness, timeoutMs).waitUntilReady(container, boundPortsOf(details), new Date(details.State.StartedAt));
  return details;
}

/** Stop and remove, with the anonymous volumes the images declare (Postgres' data directory). */
export async function removeContainer(client: DockerClient, id: string): Promise<void> {
  const container = client.container.getById(id);
  try {
    await client.container.stop(container, { timeout: 0 });
    await client.container.remove(container, { removeVolumes: true });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}

export interface LabelledContainer {
  id: string;
  state: string;
  labels: Record<string, string>;
}

/** Every container carrying label=value, running or not. */
export async function listContainersWithLabel(client: DockerClient, label: string, value: string): Promise<LabelledContainer[]> {
  const containers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${label}=${value}`] },
  });
  return containers.map((info) => ({ id: info.Id, state: info.State, labels: info.Labels }));
}
