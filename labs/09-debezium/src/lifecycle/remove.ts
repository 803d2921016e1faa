import { StackError } from '@cdc-lab/common';
import type { ConnectClient, ConnectorConfig } from '../connect/client.ts';
import { waitForState } from '../connect/wait.ts';

/**
 * Remove a connector for good: stop it, forget its offsets, delete it. Deleting alone leaves
 * its offsets in Connect's offsets topic, and a later connector of the same name would resume
 * from them — from a position in a slot that, once dropped, is gone. Returns false if there
 * was no connector.
 */
export async function removeConnector(connect: ConnectClient, name: string, timeoutMs = 60_000): Promise<boolean> {
  if (!(await connect.status(name))) return false;
  await connect.stop(name);
  await waitForState(connect, name, 'STOPPED', timeoutMs, { allowNoTasks: true, ignoreFailed: true });
  await connect.resetOffsets(name);
  return connect.delete(name);
}

/**
 * Offsets outlive their connector: after a plain `DELETE`, Connect still holds them under the
 * name, and a connector registered again under it resumes from them — from a position in a
 * slot that may be gone ("The connector is trying to read change stream starting at …").
 * They can only be deleted through a connector, so create it STOPPED (it never runs), delete
 * its offsets if it has any, and delete it again. Returns true if there were offsets.
 */
export async function forgetOrphanedOffsets(connect: ConnectClient, name: string, config: ConnectorConfig, timeoutMs = 60_000): Promise<boolean> {
  await connect.createStopped(name, config);
  try {
    await waitForState(connect, name, 'STOPPED', timeoutMs, { allowNoTasks: true, ignoreFailed: true });
    const had = (await connect.offsets(name)).length > 0;
    if (had) await connect.resetOffsets(name);
    return had;
  } finally {
    await connect.delete(name);
  }
}

/** DELETE is accepted at once and carried out by the worker a moment later: wait until the connector is gone. */
export async function waitUntilGone(connect: ConnectClient, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await connect.status(name)) !== undefined) {
    if (Date.now() > deadline) {
      throw new StackError(`connector '${name}' is still registered ${timeoutMs / 1000} s after DELETE`, {
        retriable: true,
        hint: 'the worker\'s log says why (`pnpm stack status` shows where); `pnpm lab 9 status` shows its state',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
