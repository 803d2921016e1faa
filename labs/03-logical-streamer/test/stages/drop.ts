import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { slotState, waitForSlotReleased } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/** Dropping frees the WAL a slot holds; a slot someone is reading is refused. */
export const drop: Stage = {
  slug: 'drop',
  title: '`drop` refuses a slot that is being read and drops an idle one',
  docs: 'docs/03-logical-streamer.md#dropping-the-slot',
  async run(ctx) {
    const run = await StreamerRun.start(ctx);
    await createUsers(ctx.db);
    const printed = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await run.waitForTransaction(printed.xid);

    const refused = StreamerRun.launch(ctx, { args: ['drop'], label: '`drop` (while streaming)' });
    const refusal = await refused.finished('`drop` to refuse and exit');
    check(refusal.code !== 0 && lineFormats.dropRefused.pattern.test(refused.output()), {
      expected: '`drop` to refuse with a message saying the slot is active (and a non-zero exit code)',
      got: `${describeExit(refusal)}`,
      hint: 'check pg_replication_slots.active first; pg_drop_replication_slot also refuses with SQLSTATE 55006',
      docs: run.docs,
      transcript: refused.transcript(),
    });
    check((await slotState(ctx.db, ctx.names.slot)) !== undefined, {
      expected: 'the slot to still exist after a refused drop',
      got: 'it is gone',
      docs: run.docs,
    });

    await run.interrupt();
    await waitForSlotReleased(ctx.db, run);
    const dropped = StreamerRun.launch(ctx, { args: ['drop'], label: '`drop` (after Ctrl-C)' });
    const exit = await dropped.finished('`drop` to drop the slot and exit');
    check(exit.code === 0, { expected: '`drop` to succeed (exit code 0) once nobody reads the slot', got: describeExit(exit), docs: run.docs, transcript: dropped.transcript() });
    check((await slotState(ctx.db, ctx.names.slot)) === undefined, {
      expected: `slot '${ctx.names.slot}' gone from pg_replication_slots`,
      got: 'it is still there',
      hint: 'SELECT pg_drop_replication_slot($1)',
      docs: run.docs,
      transcript: dropped.transcript(),
    });
  },
};
