import type { ConnectClient } from '../connect/client.ts';
import { waitForState } from '../connect/wait.ts';

/**
 * Pause a connector: `PUT /connectors/<name>/pause`, then wait until the connector and its task
 * say PAUSED — the call only asks. A paused task is not polled: nothing reaches Kafka, no offset
 * is committed, so Debezium confirms nothing and the slot keeps every byte of WAL from its
 * confirmed position on. The task keeps its replication connection (the slot stays active) and
 * its place: `resume` goes on from there, and nothing written meanwhile is lost.
 */
export async function pauseConnector(connect: ConnectClient, name: string, timeoutMs = 60_000): Promise<void> {
  await connect.pause(name);
  await waitForState(connect, name, 'PAUSED', timeoutMs);
}
