import type pg from 'pg';
import { todo } from '@cdc-lab/common';
// What you will need: qualified(OUTBOX_TABLE) names the outbox table in SQL; messageContent()
// makes a message's content from an event, and OUTBOX_MESSAGE_PREFIX is the relay's prefix.
import { messageContent, OUTBOX_MESSAGE_PREFIX, type OutboxEvent } from '../../src/outbox-event.ts';
import { OUTBOX_TABLE, qualified } from '../../src/schema.ts';
import type { Cleanup, Variant } from '../../src/settings.ts';

/**
 * Writes an outbox event through the caller's connection — and so inside the caller's
 * transaction, which is the whole point: the event commits or rolls back with the business
 * change it describes.
 */
export interface OutboxWriter {
  readonly description: string;
  write(client: pg.ClientBase, event: OutboxEvent): Promise<void>;
}

export function outboxWriter(variant: Variant, cleanup: Cleanup): OutboxWriter {
  return variant === 'table' ? tableOutbox(cleanup) : messageOutbox();
}

/** The table variant: one row in the outbox table (and with cleanup 'delete', gone again at once). */
export function tableOutbox(cleanup: Cleanup): OutboxWriter {
  return {
    description: `a row of ${qualified(OUTBOX_TABLE)}${cleanup === 'delete' ? ', deleted again in the same transaction' : ''}`,
    async write(client, event) {
      // TODO: make the event durable as a row of the outbox table, inside the caller's
      //   transaction. Which columns does a relay (or Debezium's router) read? The payload is
      //   JSON text: what type must Postgres give it? And with cleanup 'delete', why may the
      //   row go again at once without losing the event?
      return todo('writing an outbox event as a row of the outbox table', 'docs/07-outbox.md#the-outbox-table-and-the-logical-message');
    },
  };
}

/** The message variant: no table, a logical decoding message in the WAL. */
export function messageOutbox(): OutboxWriter {
  return {
    description: `a transactional logical message with the prefix '${OUTBOX_MESSAGE_PREFIX}'`,
    async write(client, event) {
      // TODO: put the event into the WAL as a logical message with the outbox prefix, and no
      //   table. Which kind of message is decoded only if its transaction commits, and what
      //   would the other kind do with an order that rolls back?
      return todo('emitting an outbox event as a logical message', 'docs/07-outbox.md#the-outbox-table-and-the-logical-message');
    },
  };
}
