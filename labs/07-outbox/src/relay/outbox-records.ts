import { PostgresSetupError } from '@cdc-lab/common';
import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';
import { OLD_KEY_HEADER } from '@cdc-lab/04-kafka-bridge/envelope';
import type { JsonObject } from '@cdc-lab/04-kafka-bridge/json';
import { eventFromMessageContent, type OutboxEvent } from '../outbox-event.ts';
import { displayName, type TableName } from '../schema.ts';
import { outboxTopic } from '../topics.ts';
import type { OutboxRecord } from './kafka-sink.ts';

/** Where the relay finds outbox events: rows inserted into a table, or logical messages. */
export type OutboxSource =
  | { variant: 'table'; table: TableName }
  | { variant: 'message'; prefix: string };

/** What one captured item is to the relay. */
export type Selection =
  /** An outbox event: relay it. */
  | { kind: 'event'; event: OutboxEvent }
  /** Activity in the outbox that is not an event (a clean-up): not relayed, but said out loud. */
  | { kind: 'ignored'; what: string; why: string }
  /** Anything else in the stream: other tables, other messages. Not the relay's business. */
  | { kind: 'unrelated' };

/**
 * Decide what a captured change or message is. The relay's contract is narrow on purpose:
 * an event is an INSERT into the outbox table, or a transactional message with the outbox
 * prefix — nothing else. Deleting outbox rows is housekeeping; an update of one is a mistake
 * (an event, once written, is a fact); neither becomes an event. This is what Debezium's
 * outbox event router does with the change events it is given.
 */
export function outboxEventOf(captured: Exclude<Captured, { kind: 'commit' }>, source: OutboxSource): Selection {
  if (source.variant === 'table') {
    if (captured.kind !== 'change') return { kind: 'unrelated' };
    const { event } = captured;
    if (event.schema !== source.table.schema || event.table !== source.table.table) return { kind: 'unrelated' };
    const table = displayName(source.table);
    switch (event.value.op) {
      case 'c':
        // An UPDATE that changes the key comes as a delete and a create; the create names the old key.
        if (OLD_KEY_HEADER in event.headers) return updateOf(table);
        return { kind: 'event', event: eventFromRow(event.value.after, table) };
      case 'd':
        return { kind: 'ignored', what: `DELETE(s) of ${table}`, why: 'cleaning up the outbox is not an event' };
      case 't':
        return { kind: 'ignored', what: `TRUNCATE(s) of ${table}`, why: 'cleaning up the outbox is not an event' };
      default:
        return updateOf(table);
    }
  }
  if (captured.kind !== 'message' || captured.message.prefix !== source.prefix) return { kind: 'unrelated' };
  const where = `at ${captured.message.lsn.toString()}`;
  if (!captured.message.transactional) {
    return {
      kind: 'ignored',
      what: `non-transactional message with the prefix '${source.prefix}' ${where}`,
      why: "it is decoded even when its transaction rolls back, so it cannot be an outbox event: emit with pg_logical_emit_message(true, …)",
    };
  }
  return { kind: 'event', event: eventFromMessageContent(captured.message.content, where) };
}

/**
 * The Kafka record of an event, as Debezium's outbox event router makes it by default:
 * topic by aggregate type, key = aggregate id, value = payload, the event id in a header.
 */
export function recordFor(event: OutboxEvent, topicPrefix: string): OutboxRecord {
  return {
    topic: outboxTopic(topicPrefix, event.aggregatetype),
    key: event.aggregateid,
    value: event.payload,
    headers: { id: event.id, type: event.type },
  };
}

function updateOf(table: string): Selection {
  return { kind: 'ignored', what: `UPDATE(s) of ${table}`, why: 'an outbox row is written once; an update is not a new event (Debezium warns and skips it too)' };
}

/** An outbox row, as lab 4's envelope shapes it (`after`): uuid, varchar and jsonb arrive as strings. */
export function eventFromRow(row: JsonObject | null, table: string): OutboxEvent {
  if (row === null) throw missingColumn(table, 'id');
  const text = (column: string): string => {
    const value = row[column];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    throw missingColumn(table, column);
  };
  const payload = row.payload ?? null;
  if (payload !== null && typeof payload !== 'string') throw missingColumn(table, 'payload');
  return { id: text('id'), aggregatetype: text('aggregatetype'), aggregateid: text('aggregateid'), type: text('type'), payload };
}

function missingColumn(table: string, column: string): PostgresSetupError {
  return new PostgresSetupError(`a row of ${table} has no usable column "${column}"`, {
    hint: 'the outbox table needs the columns of Debezium\'s outbox: id uuid, aggregatetype, aggregateid and type (text or varchar), payload jsonb',
  });
}
