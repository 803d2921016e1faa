import crypto from 'node:crypto';
import { check, type Stage } from '@cdc-lab/grading';
import { consumerBalances, describeBalances, inboxIds, produce, topicOf, type Balance, type DraftRecord } from '../observe.ts';
import { Consumer } from '../roles.ts';

const CUSTOMERS = ['ada', 'grace', 'edsger'];

/**
 * The consumer alone. The grader writes order events to the topic as the relay would, waits
 * until the consumer has applied them, then writes exact copies of them all — a relay's
 * redelivery. The balances must not move, the inbox must hold each event id once, and the
 * consumer must say it skipped each copy.
 */
export const consumerInbox: Stage = {
  slug: 'consumer-inbox',
  title: 'the consumer applies each event once, in one transaction with its inbox row; a redelivered event changes nothing',
  docs: 'docs/07-outbox.md#the-consumer',
  async run(ctx) {
    const topic = topicOf(ctx, 'order');
    const { records, expected } = orderEvents(ctx.random.int(3, 5), (n) => ctx.random.int(1_000, 9_999) + n);
    await produce(ctx, topic, records);

    const consumer = await Consumer.start(ctx);
    await consumer.waitForHandled(records.length);
    const first = await consumerBalances(ctx.db, consumer.run);
    check(JSON.stringify(first) === JSON.stringify(expected), {
      expected: `billing.customer_balances after ${records.length} events: ${describeBalances(expected)}`,
      got: describeBalances(first),
      hint: 'OrderCreated adds one open order and its amount to the customer; OrderCancelled takes them off again',
      docs: ctx.stage.docs,
      transcript: consumer.run.transcript(),
    });

    const mark = consumer.run.mark;
    await produce(ctx, topic, records);
    const again = await consumer.waitForHandled(records.length, { from: mark });
    const after = await consumerBalances(ctx.db, consumer.run);
    const applied = again.filter((line) => line.outcome === 'applied').length;
    check(JSON.stringify(after) === JSON.stringify(expected), {
      expected: `the balances unchanged by ${records.length} redelivered copies: ${describeBalances(expected)}`,
      got: `${describeBalances(after)}: events applied twice`,
      hint: 'claim the event id in the inbox (INSERT … ON CONFLICT DO NOTHING) in the same transaction as the balance change; when nothing was inserted, it is a duplicate: change nothing',
      docs: ctx.stage.docs,
      transcript: consumer.run.transcript(),
    });
    check(applied === 0, {
      expected: `each redelivered copy reported as "skipped duplicate <type> <id> …"`,
      got: `${applied} of ${records.length} reported as applied`,
      docs: ctx.stage.docs,
      transcript: consumer.run.transcript(),
    });
    const inbox = await inboxIds(ctx.db);
    const ids = records.map((record) => record.headers.id!).sort();
    check(JSON.stringify(inbox) === JSON.stringify(ids), {
      expected: `billing.inbox to hold the ${ids.length} event ids, once each`,
      got: `${inbox.length} row(s): ${inbox.slice(0, 3).join(', ')}${inbox.length > 3 ? ', …' : ''}`,
      hint: 'the inbox is keyed by event id (the record\'s id header)',
      docs: ctx.stage.docs,
      transcript: consumer.run.transcript(),
    });
  },
};

/** n orders for a few customers, the last one cancelled; and the balances they add up to. */
function orderEvents(count: number, orderNumber: (n: number) => number): { records: DraftRecord[]; expected: Balance[] } {
  const records: DraftRecord[] = [];
  const totals = new Map<string, { open: number; cents: number }>();
  const event = (type: string, orderId: number, customer: string, cents: number): DraftRecord => ({
    key: String(orderId),
    value: JSON.stringify({ orderId, customer, amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}` }),
    headers: { id: crypto.randomUUID(), type },
  });
  let last: { orderId: number; customer: string; cents: number } | undefined;
  for (let n = 0; n < count; n += 1) {
    const customer = CUSTOMERS[n % CUSTOMERS.length]!;
    const orderId = orderNumber(n);
    const cents = 1_000 + ((orderId * 37) % 9_000);
    records.push(event('OrderCreated', orderId, customer, cents));
    const total = totals.get(customer) ?? { open: 0, cents: 0 };
    totals.set(customer, { open: total.open + 1, cents: total.cents + cents });
    last = { orderId, customer, cents };
  }
  if (last) {
    records.push(event('OrderCancelled', last.orderId, last.customer, last.cents));
    const total = totals.get(last.customer)!;
    totals.set(last.customer, { open: total.open - 1, cents: total.cents - last.cents });
  }
  const expected = [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([customer, total]) => ({
    customer,
    open_orders: total.open,
    amount_due: `${Math.floor(total.cents / 100)}.${String(total.cents % 100).padStart(2, '0')}`,
  }));
  return { records, expected };
}
