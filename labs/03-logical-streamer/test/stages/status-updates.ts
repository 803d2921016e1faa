import { check, type Stage } from '@cdc-lab/grading';
import { activeWalsender, slotState, waitForStatusUpdates, withServerSetting } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';

const INTERVAL_MS = 250;

/**
 * Status updates must not depend on the server asking: with wal_sender_timeout = 0 it never
 * asks, yet the program still reports its position every --status-interval. And the position
 * it reports as flushed starts where the slot's confirmed one is, not at 0/0. It need not stay
 * there: while other databases write, keepalives bring this idle program positions it may
 * confirm (the chapter's first challenge) — but none beyond what the server has sent. That a
 * received position is never confirmed while a transaction is unprinted is crash-replay's check.
 */
export const statusUpdates: Stage = {
  slug: 'status-updates',
  title: 'sends standby status updates on its own, every --status-interval, reporting the confirmed position',
  docs: 'docs/03-logical-streamer.md#status-updates',
  async run(ctx) {
    const url = withServerSetting(ctx.db.url, 'wal_sender_timeout', '0');
    const run = await StreamerRun.start(ctx, { args: ['--status-interval', String(INTERVAL_MS)], env: { DATABASE_URL: url } });
    const pid = await activeWalsender(ctx.db, run);
    const before = await slotState(ctx.db, ctx.names.slot);

    const walsender = await waitForStatusUpdates(ctx.db, run, pid, 3, {
      expected: `three standby status updates unasked, one every ${INTERVAL_MS} ms (--status-interval ${INTERVAL_MS}); the server never asks here`,
      hint: "from the start of streaming, send a status update ('r') every --status-interval (a timer, or a deadline your loop checks), whether or not anything arrived",
      timeoutMs: 3_000,
    });

    const confirmed = before?.confirmedFlushLsn;
    const flushed = walsender.flushLsn;
    const sent = walsender.sentLsn;
    check(flushed !== null && confirmed !== null && confirmed !== undefined && !flushed.isBefore(confirmed) && sent !== null && !flushed.isAfter(sent), {
      expected: `the flushed position in the status updates to start from the slot's confirmed one, ${confirmed?.toString() ?? '?'} (nothing has been printed), and never to pass what the server has sent (${sent?.toString() ?? '?'})`,
      got: `pg_stat_replication.flush_lsn = ${flushed?.toString() ?? 'null'}`,
      hint: 'report as flushed only what has been confirmed; start from the confirmed_flush_lsn the slot had, never from what the server sent',
      docs: run.docs,
      transcript: run.transcript(),
    });
  },
};
