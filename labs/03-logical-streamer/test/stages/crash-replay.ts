import { check, commitRecordOf, confirmsTransaction, type Stage } from '@cdc-lab/grading';
import { activeWalsender, slotState, waitForSlotReleased, waitForStatusUpdates } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/**
 * At least once: a transaction that was printed but never confirmed must come back after a
 * crash. --no-confirm prints without confirming; the stage waits until the program has sent
 * status updates after printing (so a wrong position would have reached the server), checks
 * the slot did not move, kills the program and starts it again.
 */
export const crashReplay: Stage = {
  slug: 'crash-replay',
  title: 'an unconfirmed transaction is printed again after a crash (SIGKILL) and restart',
  docs: 'docs/03-logical-streamer.md#confirming',
  async run(ctx) {
    const run = await StreamerRun.start(ctx, { args: ['--no-confirm', '--status-interval', '100'] });
    const pid = await activeWalsender(ctx.db, run);
    const start = await slotState(ctx.db, ctx.names.slot);
    await createUsers(ctx.db);
    const unconfirmed = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await run.waitForTransaction(unconfirmed.xid);

    await waitForStatusUpdates(ctx.db, run, pid, 2, {
      expected: 'status updates to keep coming after the transaction was printed (--status-interval 100)',
      hint: 'keep sending status updates with --no-confirm: they report the (unchanged) confirmed position',
    });
    const slot = await slotState(ctx.db, ctx.names.slot);
    const confirmed = slot?.confirmedFlushLsn;
    const record = await commitRecordOf(ctx.db, unconfirmed);
    check(!confirmsTransaction(confirmed, record), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${record.start.toString()}, where transaction ${unconfirmed.xid}'s commit record starts: with --no-confirm it may not be confirmed (it was ${start?.confirmedFlushLsn?.toString() ?? '?'} before)`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}, past the start of that commit record: after a restart Postgres would skip the transaction`,
      hint: 'status updates must report the confirmed position as flushed — never the last position received from the server',
      transcript: run.transcript(),
      docs: run.docs,
    });

    await run.process.kill();
    await waitForSlotReleased(ctx.db, run);
    const again = await StreamerRun.start(ctx, { label: 'your program (after the crash)' });
    await again.waitForTransaction(unconfirmed.xid, {
      hint: 'a transaction that was never confirmed must be delivered again: do not confirm on receipt',
    });
  },
};
