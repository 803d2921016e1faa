import { check, type Stage } from '@cdc-lab/grading';
import { outboxRowIds } from '../observe.ts';
import { Relay, runService } from '../roles.ts';
import { expectExactlyTheCommitted } from './exactly-the-committed.ts';

/**
 * Clean-up in the same transaction: the service deletes each outbox row right after writing
 * it. The table stays empty, yet every event must reach Kafka (the relay reads the insert from
 * the WAL) — and the deletes must not.
 */
export const cleanupDelete: Stage = {
  slug: 'cleanup-delete',
  title: '(table variant) an outbox row deleted in its own transaction is still relayed once; the DELETE is not an event',
  docs: 'docs/07-outbox.md#cleaning-up-the-outbox',
  async run(ctx) {
    const relay = await Relay.start(ctx, 'table');
    const orders = ctx.random.int(3, 5);
    const service = await runService(ctx, ['demo', '--variant', 'table', '--cleanup', 'delete', '--orders', String(orders), '--fail-every', '0', '--cancel-every', '2']);
    const rows = await outboxRowIds(ctx.db);
    check(rows.length === 0, {
      expected: 'the outbox table empty after a demo with --cleanup delete',
      got: `${rows.length} row(s)`,
      hint: 'with --cleanup delete, DELETE the outbox row right after inserting it, in the same transaction',
      docs: ctx.stage.docs,
      transcript: service.run.transcript(),
    });
    await relay.waitForRelayed(service.committed, { hint: 'the INSERT is in the WAL even though the row is gone by COMMIT: relay it' });
    await expectExactlyTheCommitted(ctx, service.committed, relay, {
      hint: 'relay INSERTs into the outbox only; a DELETE of an outbox row is clean-up: skip it (no record, no tombstone)',
    });
  },
};
