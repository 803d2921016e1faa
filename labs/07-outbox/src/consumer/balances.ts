import type pg from 'pg';
import { SinkError } from '@cdc-lab/common';
import { BALANCES_TABLE, qualified } from '../schema.ts';
import type { ConsumedEvent } from './consumed-event.ts';

/**
 * The consumer's own state: per customer, the open orders and the amount due. Applying an
 * event ADDS to a balance — the kind of change that is wrong twice, which is why every event
 * goes through the inbox first (inbox.ts). Returns what changed, for the log line.
 */
export async function applyToBalances(client: pg.ClientBase, event: ConsumedEvent): Promise<string> {
  switch (event.type) {
    case 'OrderCreated':
      return addToBalance(client, event, 1);
    case 'OrderCancelled':
      return addToBalance(client, event, -1);
    default:
      // Producers add event types before consumers know them: record it, change nothing.
      return `no change for an event of type ${event.type}`;
  }
}

async function addToBalance(client: pg.ClientBase, event: ConsumedEvent, sign: 1 | -1): Promise<string> {
  const { customer, amount } = event.payload;
  if (typeof customer !== 'string' || typeof amount !== 'string') {
    throw new SinkError(`event ${event.id} (${event.type}) has no customer and amount in its payload`, {
      hint: 'order events carry {"orderId", "customer", "amount"}; amount as a string, so that it stays exact',
    });
  }
  const result = await client.query<{ open_orders: number; amount_due: string }>(
    `INSERT INTO ${qualified(BALANCES_TABLE)} AS "b" ("customer", "open_orders", "amount_due") VALUES ($1, $2::integer, $2::integer * $3::numeric)
     ON CONFLICT ("customer") DO UPDATE SET "open_orders" = "b"."open_orders" + EXCLUDED."open_orders", "amount_due" = "b"."amount_due" + EXCLUDED."amount_due"
     RETURNING "open_orders", "amount_due"::text AS "amount_due"`,
    [customer, sign, amount],
  );
  const balance = result.rows[0]!;
  return `${customer} has ${balance.open_orders} open order(s), ${balance.amount_due} due`;
}
