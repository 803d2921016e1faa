import type pg from 'pg';
import { StackError, todo } from '@cdc-lab/common';
import type { ConnectClient, ConnectorConfig } from '../../src/connect/client.ts';
import type { PipelineNames } from '../../src/settings.ts';
import { forgetOrphanedOffsets, removeConnector, waitUntilGone } from '../../src/lifecycle/remove.ts';
import { slotState } from '../../src/lifecycle/slots.ts';

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
 * works. Returns what there was to remove.
 */
export async function deleteConnectorAndSlot(connect: ConnectClient, database: pg.ClientBase, names: PipelineNames, config: () => ConnectorConfig, timeoutMs = 60_000): Promise<Deletion> {
  // TODO: a deleted connector leaves three things behind: its offsets in Kafka Connect, its
  //   slot and its publication in Postgres (docs/09-debezium.md#deleting-a-connector).
  //   - removeConnector() and forgetOrphanedOffsets() (remove.ts) each deal with the offsets:
  //     which one applies when the connector is still registered, and which when a plain
  //     delete already removed it? Why must the offsets go at all, if the slot goes too?
  //   - The worker carries a DELETE out a moment after it accepts it (waitUntilGone). Why
  //     must you wait before you touch the slot?
  //   - In which order do the slot and the publication go, and which of them may already be
  //     missing without that being an error?
  void [connect, database, names, config, timeoutMs, forgetOrphanedOffsets, removeConnector, waitUntilGone];
  return todo('deleting a connector, then its slot', 'docs/09-debezium.md#deleting-a-connector');
}

/**
 * After the connector is deleted: drop its replication slot. Returns false if there was no slot.
 */
export async function dropSlotAfterDelete(client: pg.ClientBase, slot: string, timeoutMs = 30_000): Promise<boolean> {
  // TODO: Kafka Connect never drops a slot, and a slot nobody reads keeps WAL for ever (lab 3).
  //   slotState(client, slot) says whether it exists and whether a reader holds it. Can you
  //   drop a slot someone still reads? How long do you give the deleted task to let go, and
  //   what do you tell the operator if it never does?
  void [client, slot, timeoutMs, slotState, StackError];
  return todo('dropping the slot of a deleted connector', 'docs/09-debezium.md#deleting-a-connector');
}
