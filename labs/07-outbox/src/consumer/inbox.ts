import type pg from 'pg';
import { inTransaction } from '../database.ts';
import { INBOX_TABLE, qualified } from '../schema.ts';
import type { ConsumedEvent } from './consumed-event.ts';

export type Applied =
  | { kind: 'applied'; change: string }
  | { kind: 'duplicate' };

/**
 * Apply an event to the consumer's state at most once, whatever Kafka redelivers. The inbox
 * row and the state change are one Postgres transaction: the INSERT into the inbox either
 * claims the event id — then the change is made, and both commit together — or finds it
 * claimed already, and nothing changes. A crash before COMMIT undoes both, so the redelivery
 * that follows applies the event for the first time; a crash after COMMIT (before Kafka hears
 * of the offset) makes the redelivery a duplicate, which the inbox turns away.
 */
export async function applyOnce(client: pg.ClientBase, event: ConsumedEvent, apply: (client: pg.ClientBase, event: ConsumedEvent) => Promise<string>): Promise<Applied> {
  return inTransaction(client, async () => {
    const claimed = await client.query(
      `INSERT INTO ${qualified(INBOX_TABLE)} ("event_id", "type", "aggregateid") VALUES ($1, $2, $3) ON CONFLICT ("event_id") DO NOTHING`,
      [event.id, event.type, event.aggregateid],
    );
    if (claimed.rowCount === 0) return { kind: 'duplicate' };
    return { kind: 'applied', change: await apply(client, event) };
  });
}
