import type pg from 'pg';
import { ConfigurationError, todo } from '@cdc-lab/common';
// What you will need: inTransaction runs a function between BEGIN and COMMIT (ROLLBACK if it
// throws); qualified(ORDERS_TABLE) names the orders table in SQL; orderCreated and
// orderCancelled make the events; a ConfigurationError (with a hint) reports the user's mistake.
import { inTransaction } from '../../src/database.ts';
import { ORDERS_TABLE, qualified } from '../../src/schema.ts';
import { FailedOnPurpose, type Written } from '../../src/service/orders.ts';
import { orderCancelled, orderCreated } from '../../src/service/order-events.ts';
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
  // TODO: write the new order and its OrderCreated event so that they share one fate. Which
  //   connection must the event go through, and why would any other one bring the dual write
  //   back? The request may ask to fail after writing: at which moment must that failure come
  //   so that the rollback has everything to undo? The order and its event come back as text.
  return todo('writing an order and its event in one transaction', 'docs/07-outbox.md#one-transaction');
}

/** Cancel a placed order: the status change and the OrderCancelled event, in one transaction. */
export async function cancelOrder(client: pg.ClientBase, outbox: OutboxWriter, orderId: string, failAfterWriting = false): Promise<Written> {
  // TODO: cancel the order and write its OrderCancelled event with the same shared fate.
  //   Which orders may be cancelled, and what should happen, and be written, when the id names
  //   no such order?
  return todo('writing a cancellation and its event in one transaction', 'docs/07-outbox.md#one-transaction');
}
