/**
 * Broken on purpose: "publish first, then save". The service writes the outbox event in an
 * autocommitted statement of its own, then the order in a transaction — the dual write again,
 * inside one database. When the order's transaction rolls back, its event has already
 * committed and is relayed. The atomic-table stage must reject it.
 */
import type pg from 'pg';
import { runMain } from '@cdc-lab/common';
import { inTransaction } from '../../src/database.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { orderCreated, type Order } from '../../src/service/order-events.ts';
import { FailedOnPurpose, type OrderRequest, type Written } from '../../src/service/orders.ts';
import type { OutboxWriter } from '../../src/service/outbox-writer.ts';

async function publishThenSave(client: pg.ClientBase, outbox: OutboxWriter, request: OrderRequest): Promise<Written> {
  const next = await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('"shop"."orders"', 'id'))::text AS "id"`);
  const order: Order = { id: next.rows[0]!.id, customer: request.customer, amount: Number(request.amount).toFixed(2) };
  const event = orderCreated(order);
  await outbox.write(client, event); // autocommit: its own transaction
  return inTransaction(client, async () => {
    await client.query('INSERT INTO "shop"."orders" ("id", "customer", "amount") VALUES ($1, $2, $3)', [order.id, order.customer, order.amount]);
    if (request.failAfterWriting) throw new FailedOnPurpose({ order, event });
    return { order, event };
  });
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, placeOrder: publishThenSave }));
