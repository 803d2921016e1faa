import { Lsn } from '@cdc-lab/common';
import { commitRecordOf, confirmsTransaction, fail, waitFor, type Stage } from '@cdc-lab/grading';
import { slotState, waitForSlotReleased, withServerSetting } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/**
 * The chapter's first challenge, graded. An idle streamer that has printed and confirmed
 * everything it was given may confirm a keepalive's position too, so that its slot stops
 * holding back WAL that decodes to nothing. The stage prints one transaction, then writes WAL
 * the slot decodes to nothing (DDL, which skip-empty-xacts leaves out), and waits for the slot's
 * confirmed position to pass it. Keepalives come about once a second (wal_sender_timeout = 2s).
 * Then the other half of the rule: a slow printer (--print-delay) is busy with a transaction
 * while keepalives arrive, and confirming one of those would skip the transaction after a crash.
 */
export const caughtUp: Stage = {
  slug: 'caught-up',
  title: 'with --confirm-idle, a caught-up streamer confirms the position keepalives bring',
  docs: 'docs/03-logical-streamer.md#confirming-when-caught-up',
  extension: true,
  timeoutMs: 90_000,
  async run(ctx) {
    const url = withServerSetting(ctx.db.url, 'wal_sender_timeout', '2s');
    const run = await StreamerRun.start(ctx, { args: ['--confirm-idle'], env: { DATABASE_URL: url } });
    await createUsers(ctx.db);
    const printed = await commit(ctx.db, [insertUser(1, 'Ada')]);
    await run.waitForTransaction(printed.xid);

    // WAL that this slot decodes to nothing: DDL, without row changes, is left out.
    await ctx.db.query('CREATE TABLE "public"."quiet" ("id" integer)');
    await ctx.db.query('DROP TABLE "public"."quiet"');
    const written = await ctx.db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const target = Lsn.parse(written.rows[0]!.lsn);

    let confirmed: Lsn | null | undefined;
    await waitFor(run, async () => {
      confirmed = (await slotState(ctx.db, ctx.names.slot))?.confirmedFlushLsn;
      return confirmed && !confirmed.isBefore(target) ? confirmed : undefined;
    }, {
      expected: `the slot's confirmed_flush_lsn to reach ${target} (WAL written after transaction ${printed.xid}, which decodes to nothing) while the streamer is idle and caught up`,
      got: () => `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the slot still holds that WAL back`,
      hint: "with --confirm-idle, when a keepalive ('k') arrives while nothing is pending — every message before it printed, no transaction half printed, the last COMMIT confirmed — confirm its walEnd too",
      timeoutMs: 15_000,
    });
    await run.interrupt();
    await waitForSlotReleased(ctx.db, run);

    const slow = await StreamerRun.start(ctx, { args: ['--confirm-idle', '--print-delay', String(PRINT_DELAY_MS)], env: { DATABASE_URL: url }, label: 'your program (printing slowly)' });
    const busy = await commit(ctx.db, [insertUser(2, 'Grace'), insertUser(3, 'Edsger'), insertUser(4, 'Barbara')]);
    const record = await commitRecordOf(ctx.db, busy);
    // Five lines at PRINT_DELAY_MS each: several keepalives arrive while the transaction is half printed.
    while (!slow.printed(busy.xid) && !slow.process.hasExited) {
      const seen = (await slotState(ctx.db, ctx.names.slot))?.confirmedFlushLsn;
      if (seen && confirmsTransaction(seen, record) && !(await slow.printedWithin(busy.xid, 200))) {
        fail({
          expected: `the slot not to be confirmed past transaction ${busy.xid} before "COMMIT ${busy.xid}" is printed`,
          got: `confirmed_flush_lsn ${seen.toString()}: confirmed past transaction ${busy.xid} while it was half printed; a crash now would lose it`,
          hint: 'a keepalive that arrives while a transaction is being printed is not "caught up": confirm its position only when nothing is pending — no transaction half printed, the last COMMIT confirmed, every message before it handed out',
          docs: ctx.stage.docs,
          transcript: slow.transcript(),
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await slow.waitForTransaction(busy.xid, { timeoutMs: 20_000 });
  },
};

const PRINT_DELAY_MS = 800;
