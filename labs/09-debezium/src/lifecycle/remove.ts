import { ConnectClient } from '../connect/client.ts';
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
