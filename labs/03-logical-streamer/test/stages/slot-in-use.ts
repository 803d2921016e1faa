import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/** One slot, one reader: a second streamer on the same slot is refused, the first goes on. */
export const slotInUse: Stage = {
  slug: 'slot-in-use',
  title: 'a second streamer on the same slot fails with a clear message, and the first keeps streaming',
  docs: 'docs/03-logical-streamer.md#errors',
  async run(ctx) {
    const first = await StreamerRun.start(ctx, { label: 'the first streamer' });
    await createUsers(ctx.db);
    const before = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await first.waitForTransaction(before.xid);

    const second = StreamerRun.launch(ctx, { label: 'the second streamer' });
    const exit = await second.finished('the second streamer to give up');
    const said = second.output();
    check(exit.code !== 0 && said.includes(ctx.names.slot) && lineFormats.slotInUse.pattern.test(said), {
      expected: `the second streamer to exit with a non-zero code and a message saying slot '${ctx.names.slot}' is already in use`,
      got: `${describeExit(exit)}`,
      hint: 'START_REPLICATION fails with SQLSTATE 55006 ("replication slot … is active for PID …"): turn it into a message that says what to do',
      docs: first.docs,
      transcript: second.transcript(),
    });

    const after = await commit(ctx.db, [insertUser(2, 'Ada')]);
    await first.waitForTransaction(after.xid, { hint: 'the first streamer must not be disturbed by the second one' });
  },
};
