import type pg from 'pg';
import { StackError } from '@cdc-lab/common';
import { slotState } from './slots.ts';

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
