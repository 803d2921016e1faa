import { check, fail, type Stage, type StageContext } from '@cdc-lab/grading';
import { allRecords, byEventId, describeRecord, orderIds, outboxRowIds, topicOf } from '../observe.ts';
import type { Variant } from '../program-run.ts';
import { Relay, runService, type ServiceEvent } from '../roles.ts';

/** A demo whose last order commits, so that nothing relayed after it could still be on its way. */
export function demoWorkload(ctx: StageContext): { orders: number; failEvery: number; cancelEvery: number } {
  const failEvery = ctx.random.int(2, 3);
  const candidates = [4, 5, 6, 7].filter((orders) => orders % failEvery !== 0);
  return { orders: ctx.random.pick(candidates), failEvery, cancelEvery: ctx.random.int(2, 3) };
}

export function demoArgs(workload: ReturnType<typeof demoWorkload>, variant: Variant, extra: string[] = []): string[] {
  return ['demo', '--variant', variant, '--orders', String(workload.orders), '--fail-every', String(workload.failEvery), '--cancel-every', String(workload.cancelEvery), ...extra];
}

/**
 * The outbox's promise, end to end: the service places orders, some of which fail after
 * writing the order and its event and roll back, and cancels some of the others. Every
 * committed order and cancellation must reach Kafka exactly once, in order per aggregate, and
 * nothing of a rolled-back one may: not its row, not its event.
 */
export function atomicStage(variant: Variant): Stage {
  return {
    slug: `atomic-${variant}`,
    title: `(${variant} variant) a committed order produces exactly one event, in order per order; a rolled-back one none`,
    docs: 'docs/07-outbox.md#one-transaction',
    async run(ctx) {
      const relay = await Relay.start(ctx, variant);
      const workload = demoWorkload(ctx);
      const service = await runService(ctx, demoArgs(workload, variant));
      check(service.rolledBack.length > 0, {
        expected: `the demo to roll back every ${workload.failEvery}th order on purpose ("order <id> rolled back on purpose after writing event <type> <id>: …")`,
        got: 'no such line',
        docs: 'docs/07-outbox.md#the-service',
        transcript: service.run.transcript(),
      });
      await relay.waitForRelayed(service.committed, {
        hint: variant === 'message'
          ? "emit the event with pg_logical_emit_message(true, 'outbox', …) — transactional — inside the order's transaction, and relay transactional messages with that prefix"
          : 'insert the outbox row inside the order\'s transaction, and relay INSERTs into the outbox table',
      });
      await checkRolledBack(ctx, service.rolledBack, service.committed, relay);
      const records = await allRecords(ctx);
      const { copies, strays } = byEventId(records, service.committed.map((event) => event.id));
      const rolledBackIds = new Set(service.rolledBack.map((event) => event.id));
      const rolledBackOrders = new Set(service.rolledBack.map((event) => event.orderId));
      const ghost = strays.find((record) => rolledBackIds.has(record.headers.id ?? '') || rolledBackOrders.has(record.key ?? ''));
      if (ghost) {
        fail({
          expected: 'no event in Kafka for an order whose transaction rolled back',
          got: `${describeRecord(ghost)}: the event of a rolled-back order (${service.rolledBack.map((event) => `order ${event.orderId}`).join(', ')})`,
          hint: 'write the outbox event through the same connection, inside the same BEGIN … COMMIT as the order: then a rollback takes the event with it',
          docs: ctx.stage.docs,
          transcript: service.run.transcript(),
        });
      }
      if (strays.length > 0) {
        fail({ expected: 'only the committed events in Kafka', got: `${strays.length} other record(s), e.g. ${describeRecord(strays[0]!)}`, docs: ctx.stage.docs, transcript: relay.run.transcript() });
      }
      for (const event of service.committed) {
        const got = copies.get(event.id)!;
        check(got.length === 1, {
          expected: `exactly one record for ${event.type} ${event.id} of order ${event.orderId}`,
          got: `${got.length}`,
          hint: 'one outbox event per business change, written once, relayed once',
          docs: ctx.stage.docs,
          transcript: relay.run.transcript(),
        });
      }
      // In order per aggregate: one order's events, by offset, as the service committed them.
      const topic = topicOf(ctx, 'order');
      for (const orderId of new Set(service.committed.map((event) => event.orderId))) {
        const expected = service.committed.filter((event) => event.orderId === orderId).map((event) => event.type);
        const got = records.filter((record) => record.topic === topic && record.key === orderId).map((record) => record.headers.type ?? '?');
        check(JSON.stringify(got) === JSON.stringify(expected), {
          expected: `order ${orderId}'s events in ${topic}, keyed ${orderId}, in commit order: ${expected.join(', ')}`,
          got: got.length === 0 ? 'none under that key' : got.join(', '),
          hint: 'key each record by its aggregate id (so one order\'s events share a partition) and relay transactions in commit order',
          docs: 'docs/07-outbox.md#routing-keys-and-headers',
          transcript: relay.run.transcript(),
        });
      }
      if (variant === 'table') {
        const rows = new Set(await outboxRowIds(ctx.db));
        const extra = [...rows].filter((id) => !service.committed.some((event) => event.id === id));
        check(extra.length === 0, {
          expected: 'outbox rows only for committed events',
          got: `${extra.length} other row(s), e.g. ${extra[0] ?? ''}`,
          hint: 'a rolled-back transaction leaves no outbox row: write the row inside the order\'s transaction',
          docs: ctx.stage.docs,
        });
      }
    },
  };
}

/** The service's own table must agree with what it printed: rolled back means gone. */
async function checkRolledBack(ctx: StageContext, rolledBack: readonly ServiceEvent[], committed: readonly ServiceEvent[], relay: Relay): Promise<void> {
  const orders = await orderIds(ctx.db);
  const survivor = rolledBack.find((event) => event.type === 'OrderCreated' && orders.has(event.orderId));
  check(survivor === undefined, {
    expected: `order ${survivor?.orderId ?? ''}, rolled back on purpose, not to be in shop.orders`,
    got: 'it is there: its transaction committed',
    hint: 'fail the transaction after both writes (throw inside it), so that ROLLBACK undoes the order and its event together',
    docs: ctx.stage.docs,
    transcript: relay.run.transcript(),
  });
  const missing = committed.find((event) => event.type === 'OrderCreated' && !orders.has(event.orderId));
  check(missing === undefined, {
    expected: `order ${missing?.orderId ?? ''}, reported as placed, in shop.orders`,
    got: 'no such row',
    docs: ctx.stage.docs,
  });
}
