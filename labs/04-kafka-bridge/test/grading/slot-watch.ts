import { waitFor, type TestDatabase } from '@cdc-lab/grading';
import type { BridgeRun } from './bridge-run.ts';

// The slot and wait helpers every streaming lab's grader uses live in @cdc-lab/grading.
export { activeWalsender, slotState, waitForSlotReleased, withServerSetting } from '@cdc-lab/grading';

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
