import type pg from 'pg';
import { todo } from '@cdc-lab/common';
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

/** The table variant: one row in the outbox table (and with cleanup 'delete', gone again at once). */
export function tableOutbox(cleanup: Cleanup): OutboxWriter {
  return {
    description: `a row of ${qualified(OUTBOX_TABLE)}${cleanup === 'delete' ? ', deleted again in the same transaction' : ''}`,
    async write(client, event) {
      // TODO: INSERT the event into ${qualified(OUTBOX_TABLE)}: the columns "id", "aggregatetype",
      //   "aggregateid", "type" and "payload" (the payload is JSON text: cast the parameter to jsonb).
      //   With cleanup 'delete', DELETE the row again right away, through the same client.
      return todo('writing an outbox event as a row of the outbox table', 'docs/07-outbox.md#the-outbox-table-and-the-logical-message');
    },
  };
}

/** The message variant: no table, a logical decoding message in the WAL. */
export function messageOutbox(): OutboxWriter {
  return {
    description: `a transactional logical message with the prefix '${OUTBOX_MESSAGE_PREFIX}'`,
    async write(client, event) {
      // TODO: SELECT pg_logical_emit_message(<transactional?>, OUTBOX_MESSAGE_PREFIX, messageContent(event))
      //   (cast the content parameter to text). Which value of the first argument ties the
      //   message to the fate of its transaction?
      return todo('emitting an outbox event as a logical message', 'docs/07-outbox.md#the-outbox-table-and-the-logical-message');
    },
  };
}
