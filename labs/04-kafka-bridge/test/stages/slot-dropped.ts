import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { activeWalsender } from '../grading/slot-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#errors';

/**
 * Someone terminates the bridge's walsender and drops its slot (while the bridge is frozen,
 * so that the order is certain). The bridge cannot resume:
 * the changes after its last confirmed position are in no slot any more. It must say exactly
 * that, and not the usual "run again to resume", which would make a new slot and hide the gap.
 */
export const slotDropped: Stage = {
  slug: 'slot-dropped',
  extension: true,
  title: 'a slot dropped under the running bridge ends it with an error that says changes were lost and what to do',
  docs: DOCS,
  async run(ctx) {
    await createUsers(ctx.db);
    const run = await BridgeRun.start(ctx);
    const pid = await activeWalsender(ctx.db, run);
    await commit(ctx.db, [insertUser(1, 'Ada')]);
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 1, { what: 'a first change, streamed before the slot is dropped' });
    // Frozen while its slot goes, so that the bridge finds the slot gone, not merely its
    // connection: otherwise it may look before the drop, a race no program can win.
    run.process.signal('SIGSTOP');
    await ctx.db.query('SELECT pg_terminate_backend($1)', [pid]);
    let dropped = false;
    for (let attempt = 0; attempt < 200 && !dropped; attempt += 1) {
      // The walsender lets the slot go as it exits; drop it as soon as it is free.
      dropped = await ctx.db.query('SELECT pg_drop_replication_slot($1)', [run.slot]).then(() => true, () => false);
      if (!dropped) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run.process.signal('SIGCONT');
    check(dropped, { expected: `to drop slot ${run.slot} once its walsender was terminated`, got: 'it stayed active', docs: DOCS });

    const exit = await run.finished('the bridge to stop once its slot is gone');
    const said = run.output();
    check(exit.code !== 0 && exit.code !== null && said.includes(run.slot) && lineFormats.slotDroppedCause.pattern.test(said) && lineFormats.slotDroppedSnapshot.pattern.test(said), {
      expected: `a non-zero exit and an error saying slot ${run.slot} was dropped, that changes since its last confirmed position are lost to it, and to snapshot again`,
      got: describeExit(exit),
      hint: 'when the stream ends with an error, look the slot up: if it is gone, "run again to resume" is not true',
      docs: DOCS,
      transcript: run.transcript(),
    });
  },
};
