import type { Stage } from '@cdc-lab/grading';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';
import { expectTransactionLines } from './expect-lines.ts';

/** What lab 1's poller could not see: the log records deletes like any other change. */
export const deletes: Stage = {
  slug: 'deletes',
  title: 'prints UPDATEs and, unlike a poller, DELETEs',
  docs: 'docs/03-logical-streamer.md#deletes',
  async run(ctx) {
    const run = await StreamerRun.start(ctx);
    await createUsers(ctx.db);
    const inserted = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    const renamed = await commit(ctx.db, [{ sql: `UPDATE "public"."users" SET "name" = 'Douglas Adams' WHERE "id" = 1` }]);
    const deleted = await commit(ctx.db, [{ sql: 'DELETE FROM "public"."users" WHERE "id" = 1' }]);

    await run.waitForTransaction(inserted.xid);
    expectTransactionLines(run, await run.waitForTransaction(renamed.xid), [
      `BEGIN ${renamed.xid}`,
      "table public.users: UPDATE: id[integer]:1 name[text]:'Douglas Adams'",
      `COMMIT ${renamed.xid}`,
    ]);
    expectTransactionLines(run, await run.waitForTransaction(deleted.xid), [
      `BEGIN ${deleted.xid}`,
      'table public.users: DELETE: id[integer]:1',
      `COMMIT ${deleted.xid}`,
    ]);
  },
};
