import type { Stage } from '@cdc-lab/grading';
import { waitForSlotReleased } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertLine, insertUser } from '../workload.ts';
import { expectTransactionLines } from './expect-lines.ts';

/** A slot is a bookmark Postgres keeps: what happens while nobody reads is waiting there. */
export const backlog: Stage = {
  slug: 'backlog',
  title: 'changes made while the streamer was stopped are printed when it starts again',
  docs: 'docs/03-logical-streamer.md#slots',
  async run(ctx) {
    const first = await StreamerRun.start(ctx, { label: 'your program (first run)' });
    await createUsers(ctx.db);
    const seen = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await first.waitForTransaction(seen.xid);
    await first.interrupt();
    await waitForSlotReleased(ctx.db, first);

    const meanwhile = await commit(ctx.db, [insertUser(7, 'Margaret')]);

    const second = await StreamerRun.start(ctx, { label: 'your program (second run)' });
    expectTransactionLines(second, await second.waitForTransaction(meanwhile.xid, {
      hint: 'reuse the existing slot (do not drop and recreate it) and start at 0/0, which means "from the slot\'s confirmed position"',
    }), [`BEGIN ${meanwhile.xid}`, insertLine(7, 'Margaret'), `COMMIT ${meanwhile.xid}`]);
  },
};
