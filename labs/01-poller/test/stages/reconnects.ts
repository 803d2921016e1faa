import { type Stage } from '@cdc-lab/grading';
import { insertUser } from '../demo-rows.ts';
import { PollerRun } from '../poller-run.ts';

/**
 * Postgres can close a connection at any time (a restart, a failover, an administrator). The
 * poller has lost nothing — its bookmark did not move — so it connects again and carries on.
 */
export const reconnects: Stage = {
  slug: 'reconnects',
  extension: true,
  title: 'keeps polling after Postgres closes its connection',
  docs: 'docs/01-poller.md#the-loop',
  async run(ctx) {
    const poller = PollerRun.start(ctx);
    await poller.nextPolls(1);
    const admin = await ctx.db.connect();
    ctx.onCleanup(() => admin.end());
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    const mark = poller.mark;
    const bob = await insertUser(admin, 'Bob');
    await poller.waitForRow((row) => row.id === bob.id, {
      from: mark,
      what: `the poller, after its connection was terminated, to report User(id=${bob.id}, name='Bob')`,
      hint: 'a poll that fails because the connection is gone is not fatal: open a new connection (a pool does it for you) and poll again',
    });
  },
};
