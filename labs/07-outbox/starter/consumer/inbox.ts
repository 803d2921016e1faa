import type pg from 'pg';
import { todo } from '@cdc-lab/common';
import { inTransaction } from '../database.ts';
import { INBOX_TABLE, qualified } from '../schema.ts';
import type { ConsumedEvent } from './consumed-event.ts';

export type Applied =
  | { kind: 'applied'; change: string }
  | { kind: 'duplicate' };

/**
 * Apply an event to the consumer's state at most once, whatever Kafka redelivers: the inbox
 * row and the state change are one Postgres transaction.
 */
export async function applyOnce(client: pg.ClientBase, event: ConsumedEvent, apply: (client: pg.ClientBase, event: ConsumedEvent) => Promise<string>): Promise<Applied> {
  // TODO: in one transaction (inTransaction): claim the event id in ${qualified(INBOX_TABLE)}
  //   ("event_id", "type", "aggregateid") with INSERT … ON CONFLICT ("event_id") DO NOTHING.
  //   Nothing inserted (rowCount 0): the event was applied before — return { kind: 'duplicate' }
  //   and change nothing. Otherwise return { kind: 'applied', change: await apply(client, event) }.
  //   Why must the claim and the change share a transaction?
  return todo('applying an event once, through the inbox', 'docs/07-outbox.md#the-consumer');
}
