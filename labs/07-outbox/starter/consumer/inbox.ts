import type pg from 'pg';
import { todo } from '@cdc-lab/common';
// What you will need: inTransaction runs a function between BEGIN and COMMIT (ROLLBACK if it
// throws); qualified(INBOX_TABLE) names the inbox table in SQL.
import { inTransaction } from '../../src/database.ts';
import { INBOX_TABLE, qualified } from '../../src/schema.ts';
import type { ConsumedEvent } from '../../src/consumer/consumed-event.ts';

export type Applied =
  | { kind: 'applied'; change: string }
  | { kind: 'duplicate' };

/**
 * Apply an event to the consumer's state at most once, whatever Kafka redelivers: the inbox
 * row and the state change are one Postgres transaction.
 */
export async function applyOnce(client: pg.ClientBase, event: ConsumedEvent, apply: (client: pg.ClientBase, event: ConsumedEvent) => Promise<string>): Promise<Applied> {
  // TODO: apply the event unless it was applied before, remembering it in the inbox table.
  //   How do you claim an event id so that a second copy finds it claimed, even when two
  //   consumers race? Why must the claim and the change commit in one transaction, and what
  //   does each crash between two separate commits do?
  return todo('applying an event once, through the inbox', 'docs/07-outbox.md#the-consumer');
}
