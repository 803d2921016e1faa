import { check, type Stage } from '@cdc-lab/grading';
import { slotState } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertLine, insertUser } from '../workload.ts';
import { expectTransactionLines } from './expect-lines.ts';

const NAMES = ['Ada', 'Grace', 'Edsger', 'Barbara', "O'Neil", 'Ken', 'Frances', 'Donald'];

/** The first light: a slot of its own, and every committed change printed as it arrives. */
export const stream: Stage = {
  slug: 'stream',
  title: "creates its test_decoding slot and prints each transaction's BEGIN, changes and COMMIT",
  docs: 'docs/03-logical-streamer.md#streaming-changes',
  async run(ctx) {
    const run = await StreamerRun.start(ctx);
    const slot = await slotState(ctx.db, ctx.names.slot);
    check(slot?.plugin === 'test_decoding', {
      expected: `a logical slot '${ctx.names.slot}' (the name in CDC_SLOT) using the plugin test_decoding`,
      got: slot ? `a slot with plugin ${slot.plugin ?? 'none (a physical slot)'}` : 'no such slot in pg_replication_slots',
      hint: `create it when it is missing: CREATE_REPLICATION_SLOT "${ctx.names.slot}" LOGICAL test_decoding on the replication connection`,
      docs: 'docs/03-logical-streamer.md#slots',
      transcript: run.transcript(),
    });

    await createUsers(ctx.db);
    const douglas = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    expectTransactionLines(run, await run.waitForTransaction(douglas.xid), [
      `BEGIN ${douglas.xid}`,
      "table public.users: INSERT: id[integer]:1 name[text]:'Douglas'",
      `COMMIT ${douglas.xid}`,
    ]);

    // Several rows in one transaction: one line each, in the order they were written.
    const count = ctx.random.int(2, 5);
    const rows = Array.from({ length: count }, (_, index) => ({ id: 10 + index, name: ctx.random.pick(NAMES) }));
    const from = run.mark;
    const batch = await commit(ctx.db, rows.map((row) => insertUser(row.id, row.name)));
    expectTransactionLines(run, await run.waitForTransaction(batch.xid, { from }), [
      `BEGIN ${batch.xid}`,
      ...rows.map((row) => insertLine(row.id, row.name)),
      `COMMIT ${batch.xid}`,
    ]);
  },
};
