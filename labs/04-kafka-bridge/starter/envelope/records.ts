import { todo } from '@cdc-lab/common';
import { writeJson, type JsonObject } from '../../src/json/write-json.ts';
import type { ChangeEvent, Envelope } from '../../src/envelope/envelope.ts';

/*
 * From events to Kafka records. The key decides the partition, so every change of one row
 * lands in one partition, in order. After a delete comes a tombstone — the same key and
 * headers with a null value — which tells a compacted topic it may forget the key entirely
 * (Debezium's tombstones.on.delete, on by default). Debezium sends it after every delete,
 * even one without a key; a truncate gets none.
 */

export interface TopicRouting {
  /** topic.prefix: events go to <prefix>.<schema>.<table>. */
  prefix: string;
  /** Send every event to this one topic instead (the "one big topic" strategy). */
  singleTopic?: string;
}

export interface KafkaRecordDraft {
  topic: string;
  key: JsonObject | null;
  /** null: a tombstone. */
  value: Envelope | null;
  headers: Record<string, JsonObject>;
}

export interface SerializedRecord {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Where Debezium's topic router (ByLogicalTableRouter, key.enforce.uniqueness=true) keeps the
 * table a key came from when several tables share one topic: {"id":1} of two tables must stay
 * two keys, or compaction would let one table's tombstone erase the other's row.
 */
export const TABLE_IDENTIFIER_KEY_FIELD = '__dbz__physicalTableIdentifier';

/** Where one event goes: the topic, and the key that picks its partition there. */
export interface Route {
  topic: string;
  key: JsonObject | null;
}

/**
 * The topic and key of an event. By default each table has its own topic and the key is the
 * row's key as it is. With one topic for all tables, the key must also name the table: {"id":1}
 * of users and {"id":1} of orders would otherwise be one key, and compaction would let one
 * table's tombstone erase the other table's row.
 */
export function routeEvent(event: ChangeEvent, routing: TopicRouting): Route {
  // TODO: pick the topic and the key. By default: the table's own topic, and the event's key as
  //   it is. With routing.singleTopic: that one topic for every table — and then what must the
  //   key carry, so that two tables' rows with the same id stay two keys? (TABLE_IDENTIFIER_KEY_FIELD)
  return todo('routing an event to its topic and key', 'docs/04-kafka-bridge.md#keys-topics-and-tombstones');
}

/** The records one event becomes: itself, and a tombstone if it is a delete. */
export function kafkaRecordsFor(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  // TODO: the records of one event, routed by routeEvent. Most events are one record. What must
  //   follow a delete, so that a compacted topic can forget the key, and where must it land?
  //   Which operation looks like a delete but gets nothing after it?
  return todo('emitting a tombstone after a delete', 'docs/04-kafka-bridge.md#keys-topics-and-tombstones');
}

const MAX_TOPIC_NAME = 249;

/**
 * Debezium's default topic name, <prefix>.<schema>.<table>, with every character Kafka does
 * not allow in a topic name (anything but letters, digits, '.', '_' and '-') replaced by '_'.
 */
export function topicFor(prefix: string, schema: string, table: string): string {
  // TODO: <prefix>.<schema>.<table>, made into a name Kafka accepts. Which characters may a
  //   topic name hold, and how long may it be? A schema called "Sales Data" still needs a topic.
  return todo('naming the topic of a table', 'docs/04-kafka-bridge.md#keys-topics-and-tombstones');
}

/** Key, value and headers as JSON text, bigints with all their digits. */
export function serializeRecord(record: KafkaRecordDraft): SerializedRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) headers[name] = writeJson(value);
  return {
    topic: record.topic,
    key: record.key === null ? null : writeJson(record.key),
    value: record.value === null ? null : writeJson(record.value),
    headers,
  };
}
