import type pg from 'pg';
import { withClient } from '../database.ts';
import { ensureServiceSchema } from '../schema.ts';
import type { Command, ServiceSettings } from '../settings.ts';
import type { Order } from './order-events.ts';
import { cancelOrder, FailedOnPurpose, placeOrder, type Written } from './orders.ts';
import { outboxWriter, type OutboxWriter } from './outbox-writer.ts';

/** The service's steps that carry the lesson; the grader's broken variants swap them. */
export interface ServiceParts {
  placeOrder: typeof placeOrder;
  cancelOrder: typeof cancelOrder;
  outboxWriter: typeof outboxWriter;
}

export const serviceParts: ServiceParts = { placeOrder, cancelOrder, outboxWriter };

const CUSTOMERS = ['ada', 'grace', 'edsger', 'barbara', 'ken'];

/** pnpm lab 7 order <customer> <amount> [--fail] */
export async function runOrder(command: Extract<Command, { kind: 'order' }>, parts: ServiceParts): Promise<void> {
  await withService(command.service, parts, async (client, outbox) => {
    await place(client, outbox, parts, { customer: command.customer, amount: command.amount, failAfterWriting: command.fail });
  });
}

/** pnpm lab 7 cancel <order-id> [--fail] */
export async function runCancel(command: Extract<Command, { kind: 'cancel' }>, parts: ServiceParts): Promise<void> {
  await withService(command.service, parts, async (client, outbox) => {
    await cancel(client, outbox, parts, command.orderId, command.fail);
  });
}

/**
 * pnpm lab 7 -- demo: orders 1…N in a row, the i-th for CUSTOMERS[i mod 5] with an amount made
 * from i. Every --fail-every'th fails after writing and rolls back; every --cancel-every'th
 * of the others is cancelled right after, in a transaction of its own.
 */
export async function runDemo(command: Extract<Command, { kind: 'demo' }>, parts: ServiceParts): Promise<void> {
  await withService(command.service, parts, async (client, outbox) => {
    const tally = { placed: 0, rolledBack: 0, cancelled: 0 };
    for (let i = 1; i <= command.orders; i += 1) {
      const fails = every(i, command.failEvery);
      const placed = await place(client, outbox, parts, { customer: CUSTOMERS[(i - 1) % CUSTOMERS.length]!, amount: demoAmount(i), failAfterWriting: fails });
      if (!placed) {
        tally.rolledBack += 1;
        continue;
      }
      tally.placed += 1;
      if (every(i, command.cancelEvery) && (await cancel(client, outbox, parts, placed.id, false))) tally.cancelled += 1;
    }
    console.log(`demo: ${tally.placed} order(s) placed, ${tally.rolledBack} rolled back, ${tally.cancelled} cancelled — ${tally.placed + tally.cancelled} event(s) committed`);
  });
}

async function withService(settings: ServiceSettings, parts: ServiceParts, work: (client: pg.Client, outbox: OutboxWriter) => Promise<void>): Promise<void> {
  await withClient(settings.connectionString, async (client) => {
    await ensureServiceSchema(client);
    const outbox = parts.outboxWriter(settings.variant, settings.cleanup);
    console.log(`Each event is written as ${outbox.description}.`);
    await work(client, outbox);
  });
}

/** Place one order and say what happened; undefined when it rolled back on purpose. */
async function place(client: pg.Client, outbox: OutboxWriter, parts: ServiceParts, request: Parameters<typeof placeOrder>[2]): Promise<Order | undefined> {
  const written = await onPurpose(() => parts.placeOrder(client, outbox, request));
  if (written.kind === 'rolled-back') {
    const { order, event } = written.attempt;
    console.log(`order ${order.id} rolled back on purpose after writing event ${event.type} ${event.id}: no order, no event`);
    return undefined;
  }
  const { order, event } = written.attempt;
  console.log(`order ${order.id} placed for ${order.customer}: ${order.amount} (event ${event.type} ${event.id})`);
  return order;
}

async function cancel(client: pg.Client, outbox: OutboxWriter, parts: ServiceParts, orderId: string, fail: boolean): Promise<boolean> {
  const written = await onPurpose(() => parts.cancelOrder(client, outbox, orderId, fail));
  const { order, event } = written.attempt;
  if (written.kind === 'rolled-back') {
    console.log(`order ${order.id} cancellation rolled back on purpose after writing event ${event.type} ${event.id}: still placed, no event`);
    return false;
  }
  console.log(`order ${order.id} cancelled (event ${event.type} ${event.id})`);
  return true;
}

async function onPurpose(work: () => Promise<Written>): Promise<{ kind: 'committed' | 'rolled-back'; attempt: Written }> {
  try {
    return { kind: 'committed', attempt: await work() };
  } catch (error) {
    if (error instanceof FailedOnPurpose) return { kind: 'rolled-back', attempt: error.written };
    throw error;
  }
}

function every(i: number, period: number): boolean {
  return period > 0 && i % period === 0;
}

/** 10.00 to 99.99, different for each i, and exact in numeric(12,2). */
export function demoAmount(i: number): string {
  const cents = 1_000 + ((i * 7_919) % 9_000);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
