import type pg from 'pg';
import { ConfigurationError } from '@cdc-lab/common';
import { inTransaction } from '../database.ts';
import type { OutboxEvent } from '../outbox-event.ts';
import { ORDERS_TABLE, qualified } from '../schema.ts';
import { orderCancelled, orderCreated, type Order } from './order-events.ts';
import type { OutboxWriter } from './outbox-writer.ts';

export interface OrderRequest {
  customer: string;
  amount: string;
  /** Write the order and its event, then fail before COMMIT (the demo's rolled-back orders). */
  failAfterWriting?: boolean;
}

/** What a committed business operation wrote: the row and its event. */
export interface Written {
  order: Order;
  event: OutboxEvent;
}

/**
 * Thrown inside the transaction after both writes, so that it rolls back: a business rule that
 * says no at the last moment (a credit check, a constraint, a crash). It carries what would
 * have been written, so that the demo can show that none of it happened.
 */
export class FailedOnPurpose extends Error {
  constructor(readonly written: Written) {
    super(`order ${written.order.id} failed on purpose after writing event ${written.event.id}`);
  }
}

/**
 * Place an order: the orders row and the OrderCreated event, in ONE transaction. Both commit
 * or neither does — there is no moment at which the order exists without its event, or the
 * event without its order. That is the outbox pattern's whole promise.
 */
export async function placeOrder(client: pg.ClientBase, outbox: OutboxWriter, request: OrderRequest): Promise<Written> {
  return inTransaction(client, async () => {
    const result = await client.query<Order>(
      `INSERT INTO ${qualified(ORDERS_TABLE)} ("customer", "amount") VALUES ($1, $2) RETURNING "id"::text AS "id", "customer", "amount"::text AS "amount"`,
      [request.customer, request.amount],
    );
    const order = result.rows[0]!;
    const event = orderCreated(order);
    await outbox.write(client, event);
    if (request.failAfterWriting) throw new FailedOnPurpose({ order, event });
    return { order, event };
  });
}

/** Cancel a placed order: the status change and the OrderCancelled event, in one transaction. */
export async function cancelOrder(client: pg.ClientBase, outbox: OutboxWriter, orderId: string, failAfterWriting = false): Promise<Written> {
  return inTransaction(client, async () => {
    const result = await client.query<Order>(
      `UPDATE ${qualified(ORDERS_TABLE)} SET "status" = 'cancelled' WHERE "id" = $1 AND "status" = 'placed'
       RETURNING "id"::text AS "id", "customer", "amount"::text AS "amount"`,
      [orderId],
    );
    const order = result.rows[0];
    if (!order) throw new ConfigurationError(`there is no placed order ${orderId} to cancel`, { hint: 'pnpm lab 7 show lists the orders and their status' });
    const event = orderCancelled(order);
    await outbox.write(client, event);
    if (failAfterWriting) throw new FailedOnPurpose({ order, event });
    return { order, event };
  });
}
