import crypto from 'node:crypto';
import { check, type Stage } from '@cdc-lab/grading';
import { outboxRowIds, waitForSlotReleased } from '../observe.ts';
import { ProgramRun } from '../program-run.ts';
import { Relay, runService } from '../roles.ts';
import { expectExactlyTheCommitted } from './exactly-the-committed.ts';

/**
 * The periodic purge, in the worst case: the relay is down while the orders are placed and the
 * outbox is purged — before anything was relayed. Since the relay reads the WAL, not the
 * table, every event must still arrive when it comes back, once; the purge's deletes not at
 * all. A purge keeps the rows younger than its --older-than.
 */
export const purge: Stage = {
  slug: 'purge',
  title: '(table variant) purge --older-than deletes old outbox rows only, loses no event — even unrelayed ones — and relays no delete',
  docs: 'docs/07-outbox.md#cleaning-up-the-outbox',
  timeoutMs: 90_000,
  async run(ctx) {
    // The first run makes the publication and the slot, then stops: the slot keeps the WAL from here on.
    const first = await Relay.start(ctx, 'table');
    await first.run.interrupt('on Ctrl-C, stop reading, confirm what Kafka acknowledged, close the stream and exit 0');
    // The walsender lets go of the slot a moment after the relay has gone: a relay started
    // before then would be refused.
    await waitForSlotReleased(ctx.db, first.run, ctx.names.slot);

    const orders = ctx.random.int(2, 4);
    const service = await runService(ctx, ['demo', '--variant', 'table', '--orders', String(orders), '--fail-every', '0', '--cancel-every', '0']);
    const written = await outboxRowIds(ctx.db);
    check(written.length === service.committed.length, {
      expected: `${service.committed.length} outbox row(s) after the demo (one per event, --cleanup keep)`,
      got: `${written.length}`,
      docs: 'docs/07-outbox.md#the-service',
      transcript: service.run.transcript(),
    });

    await ProgramRun.launch(ctx, ['purge', '--older-than', '1h'], 'purge --older-than 1h').succeeded('purge');
    const young = await outboxRowIds(ctx.db);
    check(young.length === written.length, {
      expected: 'purge --older-than 1h to keep rows written seconds ago',
      got: `${written.length - young.length} of ${written.length} row(s) deleted`,
      hint: 'delete only rows whose created_at is older than now() minus the age',
      docs: ctx.stage.docs,
    });
    await ProgramRun.launch(ctx, ['purge', '--older-than', '0s'], 'purge --older-than 0s').succeeded('purge');
    const left = await outboxRowIds(ctx.db);
    check(left.length === 0, {
      expected: 'purge --older-than 0s to delete every outbox row',
      got: `${left.length} row(s) left`,
      docs: ctx.stage.docs,
    });

    // A last event after the purge: once it is relayed, so is everything before it, deletes included.
    const marker = { orderId: 'marker', type: 'Marker', id: crypto.randomUUID() };
    await ctx.db.query(
      'INSERT INTO "shop"."outbox" ("id", "aggregatetype", "aggregateid", "type", "payload") VALUES ($1, \'order\', \'marker\', \'Marker\', \'{}\')', [marker.id]);
    const expected = [...service.committed, marker];

    const again = await Relay.start(ctx, 'table', { label: 'the relay (after the purge)' });
    await again.waitForRelayed(expected, {
      hint: 'the relay reads the inserts from the WAL, where the slot keeps them: a purged row is still relayed',
    });
    await expectExactlyTheCommitted(ctx, expected, again, {
      hint: 'relay INSERTs into the outbox only; the purge\'s DELETEs are clean-up: skip them',
    });
  },
};
