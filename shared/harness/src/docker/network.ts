import { StackError } from '@cdc-lab/common';
import type { Reporter, ServiceName } from '../types.ts';
import { type ContainerDetails, type DockerClient, inspectContainer } from './runtime.ts';
import {
  KAFKA_NETWORK_ALIAS,
  POSTGRES_NETWORK_ALIAS,
  advertisesInNetworkListener,
  stackNetworkLabels,
  stackNetworkName,
} from './specs.ts';

/**
 * The stack's Docker network: where the registry and Connect reach Kafka and Postgres by alias.
 * It is created by name (not through testcontainers' Network, which names it at random and
 * tags it for removal when this process exits), because it must outlive `pnpm stack up`.
 */

/** The docker API signals "no such network" and "in use / exists" by HTTP status. */
function hasStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === status;
}

async function networkExists(client: DockerClient, name: string): Promise<boolean> {
  try {
    await client.network.getById(name).inspect();
    return true;
  } catch (error) {
    if (hasStatus(error, 404)) return false;
    throw error;
  }
}

/** Create the stack's network unless it exists; returns its name. */
export async function ensureStackNetwork(client: DockerClient, stateDir: string): Promise<string> {
  const name = stackNetworkName(stateDir);
  if (await networkExists(client, name)) return name;
  try {
    await client.network.create({
      Name: name,
      CheckDuplicate: true,
      Driver: 'bridge',
      Labels: stackNetworkLabels(stateDir),
    });
  } catch (error) {
    // Created meanwhile by another process: just as good.
    if (hasStatus(error, 409) && (await networkExists(client, name))) return name;
    throw new StackError(`could not create the Docker network ${name}`, {
      cause: error,
      hint: `${error instanceof Error ? error.message : String(error)}; see \`docker network ls\``,
    });
  }
  return name;
}

/**
 * Remove the stack's network once its containers are gone. A network still in use (someone
 * attached a container of their own) is left, and said so.
 */
export async function removeStackNetwork(client: DockerClient, stateDir: string): Promise<'removed' | 'absent' | 'in use'> {
  const name = stackNetworkName(stateDir);
  try {
    await client.network.getById(name).remove();
    return 'removed';
  } catch (error) {
    if (hasStatus(error, 404)) return 'absent';
    if (hasStatus(error, 403) || hasStatus(error, 409)) return 'in use';
    throw error;
  }
}

/** Whether `docker inspect` shows the container attached to `network`. */
export function isAttached(details: Pick<ContainerDetails, 'NetworkSettings'>, network: string): boolean {
  return Object.hasOwn(details.NetworkSettings?.Networks ?? {}, network);
}

/** `docker network connect --alias …`: works on a running container, no restart needed. */
export async function attachToNetwork(client: DockerClient, containerId: string, network: string, aliases: string[]): Promise<void> {
  await client.container.connectToNetwork(client.container.getById(containerId), client.network.getById(network), aliases);
}

/** The aliases other containers reach Postgres and Kafka by on the stack network. */
const DEPENDENCY_ALIASES: Partial<Record<ServiceName, string>> = {
  postgres: POSTGRES_NETWORK_ALIAS,
  kafka: KAFKA_NETWORK_ALIAS,
};

export const RECREATE_HINT = 'run `pnpm stack down`, then `pnpm stack up` again (down deletes the stack\'s data: tables, topics, slots)';

function shortId(id: string): string {
  return id.slice(0, 12);
}

/**
 * Make sure the registry or Connect can reach `service` (its container `containerId`) on the
 * stack network. A container created before the network existed is attached under its alias;
 * a Kafka broker of that age cannot be fixed that way, because the listener other containers
 * need is part of its creation.
 */
export async function makeReachableInNetwork(
  client: DockerClient,
  network: string,
  service: ServiceName,
  containerId: string,
  report: Reporter,
): Promise<void> {
  const alias = DEPENDENCY_ALIASES[service];
  if (alias === undefined) return;
  const details = await inspectContainer(client, containerId);
  if (details === undefined || isAttached(details, network)) return;
  if (service === 'kafka' && !advertisesInNetworkListener(details.Config?.Env ?? [])) {
    throw new StackError(`the Kafka container ${shortId(containerId)} of this stack predates the schema registry and Kafka Connect in Docker`, {
      hint: `it has no listener for other containers, and an existing container cannot gain one; ${RECREATE_HINT}`,
    });
  }
  report(`attaching ${service} (container ${shortId(containerId)}) to the network ${network} as ${alias}`);
  try {
    await attachToNetwork(client, containerId, network, [alias]);
  } catch (error) {
    throw new StackError(`could not attach ${service} to the network ${network}`, {
      cause: error,
      hint: `${error instanceof Error ? error.message : String(error)}; ${RECREATE_HINT}`,
    });
  }
}
