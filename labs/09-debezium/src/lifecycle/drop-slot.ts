import type pg from 'pg';
import { StackError } from '@cdc-lab/common';
import type { ConnectClient, ConnectorConfig } from '../connect/client.ts';
import type { PipelineNames } from '../settings.ts';
import { forgetOrphanedOffsets, removeConnector, waitUntilGone } from './remove.ts';
import { slotState } from './slots.ts';

/** What `delete --drop-slot` found and removed. */
export interface Deletion {
  /** The connector was registered, and is gone. */
  connector: boolean;
  /** It was not registered, but Connect still kept offsets under its name (a plain delete earlier): they are gone. */
  orphanedOffsets: boolean;
  /** Its slot existed, and is dropped. */
  slot: boolean;
}

/**
 * `delete --drop-slot`: remove a connector and everything it leaves behind, in the order that
 * works. The connector first, with its offsets (remove.ts: stop, forget, delete) — or, if it is
 * gone already, the offsets a plain delete left under its name. Then wait until the worker has
 * really let it go. Only then the slot (an active slot cannot be dropped), and last the
 * publication, which no reader needs any more.
 */
export async function deleteConnectorAndSlot(connect: ConnectClient, database: pg.ClientBase, names: PipelineNames, config: () => ConnectorConfig, timeoutMs = 60_000): Promise<Deletion> {
  const connector = await removeConnector(connect, names.connector, timeoutMs);
  const orphanedOffsets = connector ? false : await forgetOrphanedOffsets(connect, names.connector, config(), timeoutMs);
  await waitUntilGone(connect, names.connector, timeoutMs);
  const slot = await dropSlotAfterDelete(database, names.slot);
  await database.query(`DROP PUBLICATION IF EXISTS "${names.publication.replaceAll('"', '""')}"`);
  return { connector, orphanedOffsets, slot };
}

/**
 * After DELETE /connectors/<name>: drop the connector's replication slot. Kafka Connect knows
 * nothing of slots, and Debezium leaves them behind on purpose (a connector deleted and
 * re-created under the same name resumes from its slot). A slot nobody reads keeps every byte
 * of WAL from its position on — until the disk is full (lab 3). The task lets go of the slot a
 * moment after the connector is deleted; an active slot cannot be dropped, so wait for that.
 * Returns false if there was no slot.
 */
export async function dropSlotAfterDelete(client: pg.ClientBase, slot: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await slotState(client, slot);
    if (!state) return false;
    if (!state.active) {
      await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
      return true;
    }
    if (Date.now() > deadline) {
      throw new StackError(`slot '${slot}' is still in use ${timeoutMs / 1000} s after the connector was deleted`, {
        hint: 'is another connector (or program) reading it? SELECT active_pid FROM pg_replication_slots shows who',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
