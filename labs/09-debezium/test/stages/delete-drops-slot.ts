import { check, type Stage } from '@cdc-lab/grading';
import { isEventLine } from '../contract.ts';
import { accountsTable, connectClient, runToEnd, stageNames, startConnector } from '../support.ts';

/**
 * `delete --drop-slot`: the connector is gone, and so are its slot and its offsets. The offsets
 * are seen by their effect: a connector registered again under the same name must start afresh,
 * with a new snapshot, not look for its old position in a slot that no longer exists.
 */
export const deleteDropsSlotStage: Stage = {
  slug: 'delete-drops-slot',
  title: 'delete --drop-slot removes the connector, its offsets and its replication slot',
  docs: 'docs/09-debezium.md#deleting-a-connector',
  timeoutMs: 150_000,
  async run(ctx) {
    const names = stageNames(ctx);
    await accountsTable(ctx, 1);
    const program = await startConnector(ctx);
    program.signal('SIGINT');
    await program.waitForExit({ timeoutMs: 15_000, what: 'the program to stop showing events after Ctrl-C' });
    await runToEnd(ctx, ['delete', '--drop-slot'], 'delete the connector and drop its slot', 'DELETE /connectors/<name>, then wait until the slot is inactive and drop it');
    // DELETE is accepted at once and carried out by the worker's group a moment later.
    const deadline = Date.now() + 15_000;
    while ((await connectClient(ctx).status(names.connector)) !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    check((await connectClient(ctx).status(names.connector)) === undefined, {
      expected: `connector '${names.connector}' gone from Kafka Connect`, got: 'it is still registered', docs: ctx.stage.docs,
    });
    const slots = (await ctx.db.query('SELECT slot_name FROM pg_replication_slots WHERE slot_name = $1', [names.slot])).rows;
    check(slots.length === 0, {
      expected: `slot '${names.slot}' dropped`,
      got: 'the slot still exists: it keeps WAL for a connector that is gone',
      hint: 'Kafka Connect never drops a slot: after the delete, wait until it is inactive, then pg_drop_replication_slot',
      docs: ctx.stage.docs,
    });

    // Registered again under the same name: a fresh start snapshots account 2, written while no
    // connector existed. Offsets left behind would point into the dropped slot instead.
    await ctx.db.query('INSERT INTO "accounts" VALUES ($1, $2, $3)', [2, 'after the delete', 1]);
    const again = ctx.start({ args: ['run'], label: 'your program (run, after the delete)' });
    await again.waitForLine(isEventLine(`${names.prefix}.public.accounts`, 'r', '{"id":2}'), {
      timeoutMs: 60_000,
      what: `a connector registered again as '${names.connector}' to start afresh: account 2, written after the delete, in its snapshot (op=r)`,
      hint: 'Kafka Connect keeps a deleted connector\'s offsets under its name: stop the connector and delete its offsets before deleting it',
      docs: ctx.stage.docs,
    });
  },
};
