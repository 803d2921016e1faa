import { StackError } from '@cdc-lab/common';
import { GenericContainer } from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';
import { findFreePorts } from '../ports.ts';
import type { Reporter } from '../types.ts';
import { type DockerClient, listContainersWithLabel, removeContainer, waitStrategyFor } from './runtime.ts';
import { SERVICE_LABEL, STACK_LABEL, type ContainerSpec } from './specs.ts';

/**
 * Creating a new container from a spec. Host ports are chosen by us (free right now) and bound
 * explicitly, so they survive `docker stop` / `docker start`; the cost is a small race with any
 * other program taking the port in between, which is why a bind failure is retried on a fresh one.
 */

const MAX_ATTEMPTS = 3;

export function containerFromSpec(spec: ContainerSpec): GenericContainer {
  let container = new GenericContainer(spec.image)
    .withEnvironment(spec.environment)
    .withExposedPorts(...spec.ports)
    .withLabels(spec.labels)
    .withWaitStrategy(waitStrategyFor(spec.readiness, spec.startupTimeoutMs))
    // Attached (with its aliases) before it starts, beside Docker's default bridge, which is
    // what publishes its ports to this machine.
    .withNetworkMode(spec.network.name)
    .withNetworkAliases(...spec.network.aliases)
    // Reuse also keeps testcontainers from tagging the container with its session (what its
    // reaper removes) and from starting that reaper at all: see keepContainersAfterExit.
    .withReuse();
  if (spec.command.length > 0) container = container.withCommand(spec.command);
  if (spec.sharedMemoryBytes !== undefined) container = container.withSharedMemorySize(spec.sharedMemoryBytes);
  return container;
}

function isPortTaken(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /port is already allocated|address already in use/i.test(message);
}

/** A container whose start failed stays behind in state "created"; it is never worth keeping. */
async function removeNeverStarted(client: DockerClient, spec: ContainerSpec): Promise<void> {
  const stack = spec.labels[STACK_LABEL];
  if (stack === undefined) return;
  for (const container of await listContainersWithLabel(client, STACK_LABEL, stack)) {
    if (container.state === 'created' && container.labels[SERVICE_LABEL] === spec.service) {
      await removeContainer(client, container.id);
    }
  }
}

/**
 * Start a container for `specForPort(port)`, on a port free at the time of each attempt.
 * Returns the started container and the spec it was started from.
 */
export async function launchOnFreePort(
  client: DockerClient,
  specForPort: (hostPort: number) => ContainerSpec,
  report: Reporter,
): Promise<{ container: StartedTestContainer; spec: ContainerSpec }> {
  for (let attempt = 1; ; attempt += 1) {
    const [port] = await findFreePorts(1);
    if (port === undefined) throw new StackError('could not find a free TCP port');
    const spec = specForPort(port);
    try {
      return { container: await containerFromSpec(spec).start(), spec };
    } catch (error) {
      // Cleaning up must not hide the failure the user needs to see.
      await removeNeverStarted(client, spec).catch(() => undefined);
      if (isPortTaken(error) && attempt < MAX_ATTEMPTS) {
        report(`port ${port} was taken before Docker could bind it; trying another`);
        continue;
      }
      throw new StackError(`could not start the ${spec.service} container (${spec.image})`, {
        cause: error,
        hint: `${error instanceof Error ? error.message : String(error)}; `
          + `see \`docker ps -a --filter label=${STACK_LABEL}\` and the container's logs, then try again`,
      });
    }
  }
}
