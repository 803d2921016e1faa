import { Lsn } from '@cdc-lab/common';
import { fail, type TestDatabase } from '@cdc-lab/grading';
import type { StreamerRun } from './streamer-run.ts';

/** The slot as Postgres sees it. */
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

/** What the walsender serving a slot has heard from its client (pg_stat_replication). */
export interface WalsenderState {
  replyTime: string | null;
  flushLsn: Lsn | null;
}

export async function walsenderState(db: TestDatabase, pid: number): Promise<WalsenderState | undefined> {
  const result = await db.query<{ reply_time: string | null; flush_lsn: string | null }>(
    'SELECT reply_time::text, flush_lsn::text FROM pg_stat_replication WHERE pid = $1',
    [pid],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return { replyTime: row.reply_time, flushLsn: row.flush_lsn ? Lsn.parse(row.flush_lsn) : null };
}

export interface WaitReport {
  expected: string;
  /** What was seen when time ran out. */
  got: () => string;
  hint?: string;
  docs?: string;
  timeoutMs?: number;
  /** Whether the program must stay alive while waiting (the default); false once it has exited. */
  whileRunning?: boolean;
}

/**
 * Poll until `probe` returns a value. The program under test must stay alive meanwhile: when it
 * exits, the wait fails at once with its transcript.
 */
export async function waitFor<T>(run: StreamerRun, probe: () => Promise<T | undefined>, report: WaitReport): Promise<T> {
  const timeoutMs = report.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (report.whileRunning !== false && run.process.hasExited) {
      const exit = await run.process.exited;
      await run.drained();
      fail({
        expected: report.expected,
        got: `${run.label} exited (${exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`}) first; by then: ${report.got()}`,
        hint: report.hint,
        docs: report.docs ?? run.docs,
        transcript: run.transcript(),
      });
    }
    if (Date.now() > deadline) {
      fail({
        expected: `${report.expected} within ${(timeoutMs / 1000).toFixed(1)} s`,
        got: report.got(),
        hint: report.hint,
        docs: report.docs ?? run.docs,
        transcript: run.transcript(),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Wait for the slot to be active and return its walsender's PID. */
export async function activeWalsender(db: TestDatabase, run: StreamerRun): Promise<number> {
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
 * Wait until the walsender has received `count` more status updates (its reply_time moved
 * `count` times). Fails if the walsender goes away: Postgres ended the connection.
 */
export async function waitForStatusUpdates(db: TestDatabase, run: StreamerRun, pid: number, count: number, report: Omit<WaitReport, 'got'>): Promise<WalsenderState> {
  const seen = new Set<string>();
  let first: string | null | undefined;
  let gone = false;
  let last: WalsenderState | undefined;
  return waitFor(run, async () => {
    last = await walsenderState(db, pid);
    if (!last) {
      gone = true;
      fail({
        expected: report.expected,
        got: `walsender PID ${pid} is gone: Postgres ended the replication connection after ${seen.size} status update(s)`,
        hint: report.hint,
        docs: report.docs ?? run.docs,
        transcript: run.transcript(),
      });
    }
    if (first === undefined) first = last.replyTime;
    else if (last.replyTime !== null && last.replyTime !== first) seen.add(last.replyTime);
    return seen.size >= count ? last : undefined;
  }, {
    ...report,
    got: () => (gone ? 'the walsender is gone' : `${seen.size} status update(s) (pg_stat_replication.reply_time ${last?.replyTime ?? 'null'})`),
  });
}

/** A connection string with a server setting for the session, as libpq's `options` parameter. */
export function withServerSetting(url: string, name: string, value: string): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c ${name}=${value}`)}`;
}

/**
 * After a crash the walsender notices its client is gone only when it next touches the socket,
 * so the slot can stay active for a moment. A restart in that moment would be refused (slot in
 * use), as it would be for a person restarting at once; the grader waits instead.
 */
export async function waitForSlotReleased(db: TestDatabase, run: StreamerRun): Promise<void> {
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
