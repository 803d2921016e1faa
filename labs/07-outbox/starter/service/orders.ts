import type pg from 'pg';
import { todo } from '@cdc-lab/common';
// What you will need: inTransaction runs a function between BEGIN and COMMIT (ROLLBACK if it throws).
import { inTransaction } from '../database.ts';
import { ORDERS_TABLE, qualified } from '../schema.ts';
import { FailedOnPurpose, type Written } from '../../src/service/orders.ts';
import { orderCancelled, orderCreated } from './order-events.ts';
import type { OutboxWriter } from './outbox-writer.ts';

// The error the demo's failing orders throw; the service's commands recognise it.
export { FailedOnPurpose, type Written };

export interface OrderRequest {
  customer: string;
  amount: string;
  /** Write the order and its event, then fail before COMMIT (the demo's rolled-back orders). */
  failAfterWriting?: boolean;
}

/**
 * Place an order: the orders row and the OrderCreated event, in ONE transaction. Both commit
 * or neither does — there is no moment at which the order exists without its event, or the
 * event without its order.
 */
export async function placeOrder(client: pg.ClientBase, outbox: OutboxWriter, request: OrderRequest): Promise<Written> {
  // TODO: in one transaction on `client` (inTransaction):
  //   1. INSERT INTO ${qualified(ORDERS_TABLE)} ("customer", "amount") … RETURNING the new order
  //      as an Order: "id"::text AS "id", "customer", "amount"::text AS "amount"
  //   2. make its event with orderCreated(order) and write it with outbox.write(client, event)
  //   3. if request.failAfterWriting, throw new FailedOnPurpose({ order, event }) — after both
  //      writes, so that the rollback has something to undo
  //   4. return { order, event }
  return todo('writing an order and its event in one transaction', 'docs/07-outbox.md#one-transaction');
}

/** Cancel a placed order: the status change and the OrderCancelled event, in one transaction. */
export async function cancelOrder(client: pg.ClientBase, outbox: OutboxWriter, orderId: string, failAfterWriting = false): Promise<Written> {
  // TODO: the same shape as placeOrder: UPDATE … SET "status" = 'cancelled' WHERE "id" = $1 AND
  //   "status" = 'placed' RETURNING the order (no row: throw a ConfigurationError from
  //   @cdc-lab/common saying there is no such placed order), then orderCancelled(order),
  //   outbox.write, FailedOnPurpose if asked, return { order, event }.
  return todo('writing a cancellation and its event in one transaction', 'docs/07-outbox.md#one-transaction');
}
