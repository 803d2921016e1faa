import type { Stage } from '@cdc-lab/grading';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';
import { expectTransactionLines } from './expect-lines.ts';

/**
 * The WAL carries only what the table's REPLICA IDENTITY asks for: the primary key of the old
 * row by default, the whole old row with FULL. The program prints what it gets — the stage
 * shows the difference a consumer sees.
 */
export const replicaIdentity: Stage = {
  slug: 'replica-identity',
  title: 'with REPLICA IDENTITY FULL, UPDATE and DELETE carry the whole old row',
  docs: 'docs/03-logical-streamer.md#replica-identity',
  extension: true,
  async run(ctx) {
    const run = await StreamerRun.start(ctx);
    await createUsers(ctx.db);
    await commit(ctx.db, [insertUser(1, 'Ada'), insertUser(2, 'Grace')]);

    const byDefault = await commit(ctx.db, [{ sql: `UPDATE "public"."users" SET "name" = 'Ada L' WHERE "id" = 1` }]);
    expectTransactionLines(run, await run.waitForTransaction(byDefault.xid), [
      `BEGIN ${byDefault.xid}`,
      "table public.users: UPDATE: id[integer]:1 name[text]:'Ada L'",
      `COMMIT ${byDefault.xid}`,
    ]);

    await ctx.db.query('ALTER TABLE "public"."users" REPLICA IDENTITY FULL');
    let from = run.mark;
    const update = await commit(ctx.db, [{ sql: `UPDATE "public"."users" SET "name" = 'Grace H' WHERE "id" = 2` }]);
    expectTransactionLines(run, await run.waitForTransaction(update.xid, { from }), [
      `BEGIN ${update.xid}`,
      "table public.users: UPDATE: old-key: id[integer]:2 name[text]:'Grace' new-tuple: id[integer]:2 name[text]:'Grace H'",
      `COMMIT ${update.xid}`,
    ]);
    from = run.mark;
    const removal = await commit(ctx.db, [{ sql: 'DELETE FROM "public"."users" WHERE "id" = 2' }]);
    expectTransactionLines(run, await run.waitForTransaction(removal.xid, { from }), [
      `BEGIN ${removal.xid}`,
      "table public.users: DELETE: id[integer]:2 name[text]:'Grace H'",
      `COMMIT ${removal.xid}`,
    ]);
  },
};
