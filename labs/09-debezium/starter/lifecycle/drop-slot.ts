import type pg from 'pg';
import { todo } from '@cdc-lab/common';
import { slotState } from '../../src/lifecycle/slots.ts';

/**
 * After DELETE /connectors/<name>: drop the connector's replication slot. Returns false if
 * there was no slot.
 */
export async function dropSlotAfterDelete(client: pg.ClientBase, slot: string, timeoutMs = 30_000): Promise<boolean> {
  // TODO: Kafka Connect never drops a slot, and a slot nobody reads keeps WAL for ever (lab 3).
  //   slotState(client, slot) says whether it exists and whether it is active. The task lets go
  //   of it a moment after the delete; an active slot cannot be dropped, so wait (up to
  //   timeoutMs) until it is inactive, then SELECT pg_drop_replication_slot($1).
  void [client, slot, timeoutMs, slotState];
  return todo('dropping the slot of a deleted connector', 'docs/09-debezium.md#deleting-a-connector');
}
