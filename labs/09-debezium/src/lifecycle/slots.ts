import type pg from 'pg';
import { StackError } from '@cdc-lab/common';

export interface SlotState {
  slot_name: string;
  active: boolean;
  confirmed_flush_lsn: string | null;
  /** WAL the slot keeps from being recycled, in bytes, as text (it can pass 2^53). */
  retained_bytes: string | null;
}

export async function slotState(client: pg.ClientBase, slot: string): Promise<SlotState | undefined> {
  const result = await client.query<SlotState>(
    `SELECT slot_name, active, confirmed_flush_lsn::text,
            pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text AS retained_bytes
       FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  );
  return result.rows[0];
}

/**
 * Wait until the connector's task holds its slot and the slot has a consistent point: from
 * then on every commit is decoded for it. RUNNING alone is not enough — the task reports
 * RUNNING before it has finished creating the slot.
 */
export async function waitForSlot(client: pg.ClientBase, slot: string, timeoutMs = 60_000): Promise<SlotState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await slotState(client, slot);
    if (state?.active && state.confirmed_flush_lsn !== null) return state;
    if (Date.now() > deadline) {
      throw new StackError(`slot '${slot}' is not streaming after ${timeoutMs / 1000} s (${state ? 'inactive' : 'missing'})`, {
        hint: 'slot creation waits for every running transaction on the server to end: look for a long-open one in pg_stat_activity',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
