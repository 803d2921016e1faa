import type pg from 'pg';
import { messageContent, OUTBOX_MESSAGE_PREFIX, type OutboxEvent } from '../outbox-event.ts';
import { OUTBOX_TABLE, qualified } from '../schema.ts';
import type { Cleanup, Variant } from '../settings.ts';

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

/**
 * The table variant: one row in the outbox table. With cleanup 'delete' the row is deleted
 * again at once, in the same transaction: the table stays empty, but the WAL holds the insert
 * (and the delete), and the relay reads the WAL, not the table.
 */
export function tableOutbox(cleanup: Cleanup): OutboxWriter {
  return {
    description: `a row of ${qualified(OUTBOX_TABLE)}${cleanup === 'delete' ? ', deleted again in the same transaction' : ''}`,
    async write(client, event) {
      await client.query(
        `INSERT INTO ${qualified(OUTBOX_TABLE)} ("id", "aggregatetype", "aggregateid", "type", "payload") VALUES ($1, $2, $3, $4, $5::jsonb)`,
        [event.id, event.aggregatetype, event.aggregateid, event.type, event.payload],
      );
      if (cleanup === 'delete') await client.query(`DELETE FROM ${qualified(OUTBOX_TABLE)} WHERE "id" = $1`, [event.id]);
    },
  };
}

/**
 * The message variant: no table at all. pg_logical_emit_message writes the event into the WAL
 * as a logical decoding message. The first argument, transactional = true, makes it part of the
 * transaction: decoded at its commit, in order with its changes, and thrown away if it rolls
 * back. With false it would be decoded at once, whatever the transaction's fate.
 */
export function messageOutbox(): OutboxWriter {
  return {
    description: `a transactional logical message with the prefix '${OUTBOX_MESSAGE_PREFIX}'`,
    async write(client, event) {
      await client.query('SELECT pg_logical_emit_message(true, $1, $2::text)', [OUTBOX_MESSAGE_PREFIX, messageContent(event)]);
    },
  };
}
