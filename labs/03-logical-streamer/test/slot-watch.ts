import { Lsn } from '@cdc-lab/common';
import { fail, waitFor, type TestDatabase, type WaitReport } from '@cdc-lab/grading';
import type { StreamerRun } from './streamer-run.ts';

// The slot and wait helpers every streaming lab's grader uses live in @cdc-lab/grading.
export { activeWalsender, slotState, waitFor, waitForSlotReleased, withServerSetting } from '@cdc-lab/grading';

/** What the walsender serving a slot has heard from its client (pg_stat_replication). */
export interface WalsenderState {
  replyTime: string | null;
  flushLsn: Lsn | null;
  /** How far the walsender has sent (data and keepalives): no client can have received more. */
  sentLsn: Lsn | null;
}

export async function walsenderState(db: TestDatabase, pid: number): Promise<WalsenderState | undefined> {
  const result = await db.query<{ reply_time: string | null; flush_lsn: string | null; sent_lsn: string | null }>(
    'SELECT reply_time::text, flush_lsn::text, sent_lsn::text FROM pg_stat_replication WHERE pid = $1',
    [pid],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    replyTime: row.reply_time,
    flushLsn: row.flush_lsn ? Lsn.parse(row.flush_lsn) : null,
    sentLsn: row.sent_lsn ? Lsn.parse(row.sent_lsn) : null,
  };
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
