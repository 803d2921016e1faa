import crypto from 'node:crypto';
import type { OutboxEvent } from '../outbox-event.ts';
import { ORDER_AGGREGATE } from '../topics.ts';

/** An order as the service stored it. */
export interface Order {
  id: string;
  customer: string;
  /** numeric(12,2) as Postgres prints it: exact, so kept as text. */
  amount: string;
}

/*
 * Business events, not row changes: they say what happened in the words of the domain, and
 * carry what a consumer needs without reading the service's tables. Lab 4's change events
 * would have exposed the orders table's columns instead — every consumer coupled to them.
 */

export function orderCreated(order: Order): OutboxEvent {
  return orderEvent(order, 'OrderCreated');
}

export function orderCancelled(order: Order): OutboxEvent {
  return orderEvent(order, 'OrderCancelled');
}

function orderEvent(order: Order, type: string): OutboxEvent {
  return {
    // Made here rather than by the database, so that the service knows it before the write.
    id: crypto.randomUUID(),
    aggregatetype: ORDER_AGGREGATE,
    aggregateid: order.id,
    type,
    payload: JSON.stringify({ orderId: Number(order.id), customer: order.customer, amount: order.amount }),
  };
}
