import { check, commitRecordOf, confirmsTransaction, type Stage } from '@cdc-lab/grading';
import { slotState, waitFor, withServerSetting } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/**
 * Ctrl-C is the normal way to stop. With no periodic update due (--status-interval 60000) and
 * no keepalive asked for (wal_sender_timeout = 0), only the last status update at shutdown can
 * tell Postgres what was printed. After it, the slot is free and nothing printed comes again.
 */
export const shutdown: Stage = {
  slug: 'shutdown',
  title: 'Ctrl-C confirms what was printed, ends the stream, exits 0 and leaves the slot inactive',
  docs: 'docs/03-logical-streamer.md#shutting-down',
  async run(ctx) {
    const url = withServerSetting(ctx.db.url, 'wal_sender_timeout', '0');
    const run = await StreamerRun.start(ctx, { args: ['--status-interval', '60000'], env: { DATABASE_URL: url } });
    await createUsers(ctx.db);
    const printed = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await run.waitForTransaction(printed.xid);

    await run.interrupt();
    const slot = await waitFor(run, async () => {
      const state = await slotState(ctx.db, ctx.names.slot);
      return state && !state.active ? state : undefined;
    }, { expected: 'the slot to be inactive after the program stopped', got: () => 'still active', timeoutMs: 5_000, whileRunning: false });
    const record = await commitRecordOf(ctx.db, printed);
    check(confirmsTransaction(slot.confirmedFlushLsn, record), {
      expected: `the slot's confirmed_flush_lsn past ${record.start.toString()}, where the commit record of transaction ${printed.xid} starts: it was printed before Ctrl-C`,
      got: `confirmed_flush_lsn ${slot.confirmedFlushLsn?.toString() ?? 'null'}: the last status update did not carry it`,
      hint: 'on shutdown, send one last standby status update with the confirmed position before CopyDone',
      docs: run.docs,
      transcript: run.transcript(),
    });

    const again = await StreamerRun.start(ctx, { label: 'your program (second run)' });
    const next = await commit(ctx.db, [insertUser(2, 'Ada')]);
    await again.waitForTransaction(next.xid);
    check(!again.printed(printed.xid), {
      expected: `transaction ${printed.xid}, printed and confirmed before Ctrl-C, not to be printed again`,
      got: 'it was printed again by the second run',
      docs: run.docs,
      transcript: again.transcript(),
    });
  },
};
