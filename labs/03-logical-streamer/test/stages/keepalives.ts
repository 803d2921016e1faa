import { check, type Stage } from '@cdc-lab/grading';
import { activeWalsender, slotState, waitForStatusUpdates, withServerSetting } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

const TIMEOUT = '2s';

/**
 * With nothing to send, the walsender still expects to hear from its client: after half of
 * wal_sender_timeout it sends a keepalive asking for a reply, and at the full timeout it hangs
 * up. The stage sets a short timeout for this one connection only (libpq's `options`), keeps
 * the program idle, and watches the replies arrive on the same walsender.
 */
export const keepalives: Stage = {
  slug: 'keepalives',
  title: `answers keepalives and stays connected while idle, with wal_sender_timeout = ${TIMEOUT}`,
  docs: 'docs/03-logical-streamer.md#keepalives',
  timeoutMs: 60_000,
  async run(ctx) {
    const url = withServerSetting(ctx.db.url, 'wal_sender_timeout', TIMEOUT);
    const run = await StreamerRun.start(ctx, { env: { DATABASE_URL: url } });
    const pid = await activeWalsender(ctx.db, run);

    await waitForStatusUpdates(ctx.db, run, pid, 3, {
      expected: `three answers to the server's keepalives while idle (wal_sender_timeout = ${TIMEOUT}, so it asks about once a second)`,
      hint: "when a primary keepalive ('k') has its reply-requested byte set to 1, send a standby status update ('r') right away",
      timeoutMs: 15_000,
    });

    const slot = await slotState(ctx.db, ctx.names.slot);
    check(slot?.activePid === pid, {
      expected: `the same replication connection all along (walsender PID ${pid})`,
      got: slot?.active ? `walsender PID ${slot.activePid ?? '?'}: the connection was replaced` : 'the slot is no longer active',
      hint: 'reconnecting hides the problem: answer keepalives so that Postgres never drops the connection',
      docs: run.docs,
      transcript: run.transcript(),
    });

    await createUsers(ctx.db);
    const after = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await run.waitForTransaction(after.xid, { hint: 'after an idle spell the stream must still deliver changes' });
  },
};
