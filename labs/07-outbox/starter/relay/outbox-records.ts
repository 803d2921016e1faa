import { todo } from '@cdc-lab/common';
import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';
// What you will need: lab 4 marks the create half of an UPDATE that changed the key with the
// header OLD_KEY_HEADER; eventFromRow and eventFromMessageContent read an event from an outbox
// row or from a message's content; displayName names a table for the ignored lines.
import { OLD_KEY_HEADER } from '@cdc-lab/04-kafka-bridge/envelope';
import { eventFromMessageContent, type OutboxEvent } from '../../src/outbox-event.ts';
import { displayName, type TableName } from '../../src/schema.ts';
import { outboxTopic } from '../../src/topics.ts';
import { eventFromRow } from '../../src/relay/outbox-records.ts';
import type { OutboxRecord } from '../../src/relay/kafka-sink.ts';

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
  // TODO: decide what this captured item is to the relay: an event, outbox activity that is
  //   not an event (ignored, with the reason said out loud), or unrelated. In the table
  //   variant, which operations on the outbox table are events, and why is an UPDATE (even one
  //   that changes the key) not one? In the message variant, why can a message that is not
  //   transactional never be an event?
  return todo('picking the outbox events out of the stream', 'docs/07-outbox.md#what-the-relay-relays');
}

/**
 * The Kafka record of an event, as Debezium's outbox event router makes it by default:
 * topic by aggregate type, key = aggregate id, value = payload, the event id in a header.
 */
export function recordFor(event: OutboxEvent, topicPrefix: string): OutboxRecord {
  // TODO: make the Kafka record a consumer needs. How does a consumer find the events of one
  //   kind of aggregate, keep one aggregate's events in order, and recognise a copy it has
  //   applied already, all without parsing the payload? Why must the payload stay byte for byte?
  return todo('routing, keying and labelling an outbox event', 'docs/07-outbox.md#routing-keys-and-headers');
}

// An outbox row (`after` of lab 4's envelope) as an OutboxEvent; a row without the outbox's columns is refused.
export { eventFromRow } from '../../src/relay/outbox-records.ts';
