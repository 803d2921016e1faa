import { Lsn } from '@cdc-lab/common';
import { waitFor, type Stage } from '@cdc-lab/grading';
import { slotState, withServerSetting } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/**
 * The chapter's first challenge, graded. An idle streamer that has printed and confirmed
 * everything it was given may confirm a keepalive's position too, so that its slot stops
 * holding back WAL that decodes to nothing. The stage prints one transaction, then writes WAL
 * the slot decodes to nothing (DDL, which skip-empty-xacts leaves out), and waits for the slot's
 * confirmed position to pass it. Keepalives come about once a second (wal_sender_timeout = 2s).
 */
export const caughtUp: Stage = {
  slug: 'caught-up',
  title: 'with --confirm-idle, a caught-up streamer confirms the position keepalives bring',
  docs: 'docs/03-logical-streamer.md#confirming-when-caught-up',
  extension: true,
  timeoutMs: 60_000,
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
  },
};
