import { commitRecordOf, confirmsTransaction, fail, type Stage } from '@cdc-lab/grading';
import type { Lsn } from '@cdc-lab/common';
import { slotState, waitFor, waitForSlotReleased } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

const PRINT_DELAY_MS = 1_500;
/** Time for a printed line to travel through the pipe to the grader. */
const PIPE_GRACE_MS = 300;

/**
 * Confirm after printing, never before. A slow sink (--print-delay) opens a window between
 * receiving a transaction and having printed it; the stage waits for the slot to show the
 * confirmation, requires the COMMIT line to be out by then, crashes the program on the spot
 * and restarts it: a transaction confirmed before it was printed is lost for good.
 */
export const confirmAfterPrint: Stage = {
  slug: 'confirm-after-print',
  title: 'confirms a transaction only after printing it, so a crash never loses one',
  docs: 'docs/03-logical-streamer.md#confirming',
  timeoutMs: 60_000,
  async run(ctx) {
    const run = await StreamerRun.start(ctx, { args: ['--print-delay', String(PRINT_DELAY_MS), '--status-interval', '100'] });
    await createUsers(ctx.db);
    const slow = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    const record = await commitRecordOf(ctx.db, slow);

    // Confirmed means: a restart would skip it. A keepalive's position inside the transaction,
    // confirmed while idle, does not count.
    let seen: Lsn | null | undefined;
    const confirmed = await waitFor(run, async () => {
      seen = (await slotState(ctx.db, ctx.names.slot))?.confirmedFlushLsn;
      return seen && confirmsTransaction(seen, record) ? seen : undefined;
    }, {
      expected: `the slot's confirmed_flush_lsn to move past transaction ${slow.xid} once it is printed (--print-delay ${PRINT_DELAY_MS} makes each line take ${PRINT_DELAY_MS / 1000} s)`,
      got: () => `confirmed_flush_lsn ${seen?.toString() ?? 'null'}`,
      hint: "after printing a COMMIT line, confirm its XLogData's walStart; the next status update carries it",
      timeoutMs: 20_000,
    });
    const printedFirst = await run.printedWithin(slow.xid, PIPE_GRACE_MS);
    await run.process.kill();
    await waitForSlotReleased(ctx.db, run);

    const again = await StreamerRun.start(ctx, { label: 'your program (after the crash)' });
    const marker = await commit(ctx.db, [insertUser(2, 'marker')]);
    await again.waitForTransaction(marker.xid);
    const printedAgain = again.printed(slow.xid);

    if (!printedFirst) {
      fail({
        expected: `"COMMIT ${slow.xid}" printed before the slot had the transaction confirmed`,
        got: `confirmed_flush_lsn ${confirmed.toString()} while "COMMIT ${slow.xid}" was not printed yet; after a crash at that moment ${printedAgain ? 'it came again' : 'it never came again: the transaction is lost'}`,
        hint: 'confirm a position only after its line is printed (wait until the print has been written, then confirm)',
        docs: run.docs,
        transcript: run.transcript(),
      });
    }
    if (printedAgain) {
      fail({
        expected: `transaction ${slow.xid}, printed and confirmed before the crash, not to be printed again`,
        got: 'it was printed again after the restart',
        hint: 'confirm the COMMIT position after printing, and report it in the status updates',
        docs: run.docs,
        transcript: again.transcript(),
      });
    }
  },
};
