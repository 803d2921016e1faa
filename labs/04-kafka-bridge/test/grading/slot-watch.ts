import { Lsn } from '@cdc-lab/common';
import type { TestDatabase } from '@cdc-lab/grading';
import type { BridgeRun } from './bridge-run.ts';
import { waitFor } from './waiting.ts';

/** The slot as Postgres sees it. */
export interface SlotState {
  active: boolean;
  activePid: number | null;
  confirmedFlushLsn: Lsn | null;
}

export async function slotState(db: TestDatabase, slot: string): Promise<SlotState | undefined> {
  const result = await db.query<{ active: boolean; active_pid: number | null; confirmed_flush_lsn: string | null }>(
    'SELECT active, active_pid, confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  const row = result.rows[0];
  if (!row) return undefined;
  return { active: row.active, activePid: row.active_pid, confirmedFlushLsn: row.confirmed_flush_lsn ? Lsn.parse(row.confirmed_flush_lsn) : null };
}

/** Wait for the slot to be active and return its walsender's PID. */
export async function activeWalsender(db: TestDatabase, run: BridgeRun): Promise<number> {
  let last: SlotState | undefined;
  return waitFor(run, async () => {
    last = await slotState(db, run.slot);
    return last?.active && last.activePid !== null ? last.activePid : undefined;
  }, {
    expected: `slot '${run.slot}' to be active while ${run.label} streams`,
    got: () => (last ? 'the slot exists but is inactive' : 'no such slot'),
  });
}

/** After a crash the walsender notices its client is gone only when it next touches the socket. */
export async function waitForSlotReleased(db: TestDatabase, run: BridgeRun): Promise<void> {
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

/** Wait until the walsender has received `count` more status updates (pg_stat_replication.reply_time moved). */
export async function waitForStatusUpdates(db: TestDatabase, run: BridgeRun, pid: number, count: number, expected: string): Promise<void> {
  const seen = new Set<string>();
  let first: string | null | undefined;
  await waitFor(run, async () => {
    const row = (await db.query<{ reply_time: string | null }>('SELECT reply_time::text FROM pg_stat_replication WHERE pid = $1', [pid])).rows[0];
    if (!row) return undefined;
    if (first === undefined) first = row.reply_time;
    else if (row.reply_time !== null && row.reply_time !== first) seen.add(row.reply_time);
    return seen.size >= count ? true : undefined;
  }, { expected, got: () => `${seen.size} status update(s)`, timeoutMs: 10_000 });
}

/** A connection string with a server setting for the session, as libpq's `options` parameter. */
export function withServerSetting(url: string, name: string, value: string): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c ${name}=${value}`)}`;
}
