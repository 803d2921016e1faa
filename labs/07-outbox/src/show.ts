import { withClient } from './database.ts';
import { BALANCES_TABLE, ensureBillingSchema, ensureServiceSchema, INBOX_TABLE, ORDERS_TABLE, OUTBOX_TABLE, qualified } from './schema.ts';
import type { Command } from './settings.ts';

/** Both sides of the lab at a glance: the service's truth, and the consumer's view of it. */
export async function show(command: Extract<Command, { kind: 'show' }>): Promise<void> {
  await withClient(command.connectionString, async (client) => {
    await ensureServiceSchema(client);
    await ensureBillingSchema(client);
    const orders = await client.query<{ order_id: string; customer: string; amount: string; status: string }>(
      `SELECT "id"::text AS "order_id", "customer", "amount"::text AS "amount", "status" FROM ${qualified(ORDERS_TABLE)} ORDER BY "id" DESC LIMIT 10`,
    );
    const counts = await client.query<{ orders: string; outbox: string; inbox: string }>(
      `SELECT (SELECT count(*) FROM ${qualified(ORDERS_TABLE)})::text AS "orders",
              (SELECT count(*) FROM ${qualified(OUTBOX_TABLE)})::text AS "outbox",
              (SELECT count(*) FROM ${qualified(INBOX_TABLE)})::text AS "inbox"`,
    );
    const balances = await client.query<{ customer: string; open_orders: number; amount_due: string }>(
      `SELECT "customer", "open_orders", "amount_due"::text AS "amount_due" FROM ${qualified(BALANCES_TABLE)} ORDER BY "customer"`,
    );
    const count = counts.rows[0]!;
    console.log(`orders: ${count.orders} (the last ${orders.rows.length} below)`);
    for (const order of orders.rows) console.log(`  ${order.order_id.padStart(5)}  ${order.customer.padEnd(10)} ${order.amount.padStart(9)}  ${order.status}`);
    console.log(`outbox rows: ${count.outbox}`);
    console.log(`consumer inbox: ${count.inbox} event(s) applied`);
    console.log('customer balances:');
    for (const balance of balances.rows) console.log(`  ${balance.customer.padEnd(10)} ${String(balance.open_orders).padStart(3)} open order(s) ${balance.amount_due.padStart(10)} due`);
  });
}
