import { StackError } from '@cdc-lab/common';
import { GenericContainer } from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';
import { findFreePorts } from '../ports.ts';
import type { Reporter } from '../types.ts';
import { LogTail, formatLogTail } from './log-tail.ts';
import { type DockerClient, listContainersWithLabel, removeContainer, waitStrategyFor } from './runtime.ts';
import { SERVICE_LABEL, STACK_LABEL, type ContainerSpec } from './specs.ts';

/**
 * Creating a new container from a spec. Host ports are chosen by us (free right now) and bound
 * explicitly, so they survive `docker stop` / `docker start`; the cost is a small race with any
 * other program taking the port in between, which is why a bind failure is retried on a fresh one.
 */

const MAX_ATTEMPTS = 3;

export function containerFromSpec(spec: ContainerSpec, logTail?: LogTail): GenericContainer {
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
  // Followed from the start, so the lines survive testcontainers removing a container that
  // never became ready.
  if (logTail !== undefined) container = container.withLogConsumer(logTail.follow);
  return container;
}

/**
 * How engines say that the host port we chose cannot be bound, so another one is worth trying:
 *  - Docker Engine: "Bind for 0.0.0.0:N failed: port is already allocated";
 *  - Linux and macOS: "bind: address already in use";
 *  - Windows (Docker Desktop, WSL2 or Hyper-V): "Ports are not available: … bind: An attempt was
 *    made to access a socket in a way forbidden by its access permissions." when the port lies in
 *    a range Windows reserves, and "Only one usage of each socket address … is normally
 *    permitted" when it is taken (Winsock's WSAEADDRINUSE).
 */
const PORT_UNAVAILABLE = [
  /port is already allocated/i,
  /address already in use/i,
  /ports are not available/i,
  /forbidden by its access permissions/i,
  /only one usage of each socket address/i,
];

export function isPortTaken(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return PORT_UNAVAILABLE.some((pattern) => pattern.test(message));
}

/** A container start, as testcontainers does it; tests put a fake in its place. */
export type ContainerStarter = (spec: ContainerSpec, logTail: LogTail) => Promise<StartedTestContainer>;

const startWithTestcontainers: ContainerStarter = (spec, logTail) => containerFromSpec(spec, logTail).start();

/** The error for a container that did not start, with what it printed before it was removed. */
export function startFailure(spec: ContainerSpec, error: unknown, logLines: readonly string[]): StackError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StackError(`could not start the ${spec.service} container (${spec.image}): ${reason}`, {
    cause: error,
    hint: `${formatLogTail(spec.service, logLines)}\n`
      + `see \`docker ps -a --filter label=${STACK_LABEL}\` for any container left behind, then try again`,
  });
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
  start: ContainerStarter = startWithTestcontainers,
): Promise<{ container: StartedTestContainer; spec: ContainerSpec }> {
  for (let attempt = 1; ; attempt += 1) {
    const [port] = await findFreePorts(1);
    if (port === undefined) throw new StackError('could not find a free TCP port');
    const spec = specForPort(port);
    const logTail = new LogTail();
    try {
      const container = await start(spec, logTail);
      logTail.stop();
      return { container, spec };
    } catch (error) {
      logTail.stop();
      // Cleaning up must not hide the failure the user needs to see.
      await removeNeverStarted(client, spec).catch(() => undefined);
      if (isPortTaken(error) && attempt < MAX_ATTEMPTS) {
        report(`port ${port} was taken before Docker could bind it; trying another`);
        continue;
      }
      throw startFailure(spec, error, logTail.lines());
    }
  }
}
