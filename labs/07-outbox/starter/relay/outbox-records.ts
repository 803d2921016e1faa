import { todo } from '@cdc-lab/common';
import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';
import { OLD_KEY_HEADER } from '@cdc-lab/04-kafka-bridge/envelope';
import { eventFromMessageContent, type OutboxEvent } from '../outbox-event.ts';
import { displayName, type TableName } from '../schema.ts';
import { outboxTopic } from '../topics.ts';
import { eventFromRow } from '../../src/relay/outbox-records.ts';
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
 * Decide what a captured change or message is. An event is an INSERT into the outbox table,
 * or a transactional message with the outbox prefix — nothing else.
 */
export function outboxEventOf(captured: Exclude<Captured, { kind: 'commit' }>, source: OutboxSource): Selection {
  // TODO: table variant (source.variant === 'table'):
  //   - a 'change' of source.table (captured.event.schema / .table) is your business, others are 'unrelated'
  //   - captured.event.value.op 'c' (an INSERT) is an event: its row is captured.event.value.after,
  //     and eventFromRow(captured.event.value.after, displayName(source.table)) reads it
  //     — unless captured.event.headers has OLD_KEY_HEADER: that 'c' is half of an UPDATE of the key
  //   - 'd' (DELETE), 't' (TRUNCATE) and 'u' (UPDATE) are outbox activity but not events: 'ignored', with a reason
  // TODO: message variant:
  //   - a 'message' whose captured.message.prefix is source.prefix is your business, others are 'unrelated'
  //   - a non-transactional one (captured.message.transactional false) must be 'ignored': why?
  //   - a transactional one is an event: eventFromMessageContent(captured.message.content, `at ${captured.message.lsn.toString()}`)
  return todo('picking the outbox events out of the stream', 'docs/07-outbox.md#what-the-relay-relays');
}

/**
 * The Kafka record of an event, as Debezium's outbox event router makes it by default:
 * topic by aggregate type, key = aggregate id, value = payload, the event id in a header.
 */
export function recordFor(event: OutboxEvent, topicPrefix: string): OutboxRecord {
  // TODO: topic outboxTopic(topicPrefix, <the aggregate type>), key <the aggregate id>,
  //   value <the payload, as it is>, headers { id: <the event id>, type: <the event type> }.
  return todo('routing, keying and labelling an outbox event', 'docs/07-outbox.md#routing-keys-and-headers');
}

// An outbox row (`after` of lab 4's envelope) as an OutboxEvent; a row without the outbox's columns is refused.
export { eventFromRow } from '../../src/relay/outbox-records.ts';
