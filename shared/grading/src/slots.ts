import { Lsn } from '@cdc-lab/common';
import type { TestDatabase } from './database.ts';
import { waitFor, type WatchedRun } from './waiting.ts';

/** A replication slot as Postgres sees it (pg_replication_slots). */
export interface SlotState {
  plugin: string | null;
  active: boolean;
  activePid: number | null;
  confirmedFlushLsn: Lsn | null;
  restartLsn: Lsn | null;
}

export async function slotState(db: TestDatabase, slot: string): Promise<SlotState | undefined> {
  const result = await db.query<{ plugin: string | null; active: boolean; active_pid: number | null; confirmed_flush_lsn: string | null; restart_lsn: string | null }>(
    'SELECT plugin, active, active_pid, confirmed_flush_lsn::text, restart_lsn::text FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    plugin: row.plugin,
    active: row.active,
    activePid: row.active_pid,
    confirmedFlushLsn: row.confirmed_flush_lsn ? Lsn.parse(row.confirmed_flush_lsn) : null,
    restartLsn: row.restart_lsn ? Lsn.parse(row.restart_lsn) : null,
  };
}

/** A program that reads a slot. */
export interface SlotReader extends WatchedRun {
  readonly slot: string;
}

/** Wait for the slot to be active and return its walsender's PID. */
export async function activeWalsender(db: TestDatabase, run: SlotReader): Promise<number> {
  let last: SlotState | undefined;
  return waitFor(run, async () => {
    last = await slotState(db, run.slot);
    return last?.active && last.activePid !== null ? last.activePid : undefined;
  }, {
    expected: `slot '${run.slot}' to be active while ${run.label} streams`,
    got: () => (last ? 'the slot exists but is inactive' : 'no such slot'),
  });
}

/**
 * After a crash the walsender notices its client is gone only when it next touches the socket,
 * so the slot can stay active for a moment. A restart in that moment would be refused (slot in
 * use), as it would be for a person restarting at once; the grader waits instead.
 */
export async function waitForSlotReleased(db: TestDatabase, run: SlotReader): Promise<void> {
  await waitFor(run, async () => {
    const state = await slotState(db, run.slot);
    return state === undefined || !state.active ? true : undefined;
  }, {
    expected: `slot '${run.slot}' to be released (inactive) once ${run.label} has gone`,
    got: () => 'still active',
    timeoutMs: 10_000,
    whileRunning: false,
  });
}
