import { writeJson, type JsonObject } from '../json/write-json.ts';
import type { ChangeEvent, Envelope } from './envelope.ts';

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
  const tableTopic = topicFor(routing.prefix, event.schema, event.table);
  if (routing.singleTopic === undefined) return { topic: tableTopic, key: event.key };
  // A keyless event stays keyless: there is no row for compaction to keep or erase.
  const key = event.key === null ? null : { ...event.key, [TABLE_IDENTIFIER_KEY_FIELD]: tableTopic };
  return { topic: routing.singleTopic, key };
}

/** The records one event becomes: itself, and a tombstone if it is a delete. */
export function kafkaRecordsFor(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  const { topic, key } = routeEvent(event, routing);
  const record: KafkaRecordDraft = { topic, key, value: event.value, headers: event.headers };
  if (event.value.op !== 'd') return [record];
  // Same topic and key, so the tombstone lands in the same partition, right after the delete.
  return [record, { ...record, value: null }];
}

const MAX_TOPIC_NAME = 249;

/**
 * Debezium's default topic name, <prefix>.<schema>.<table>, with every character Kafka does
 * not allow in a topic name (anything but letters, digits, '.', '_' and '-') replaced by '_'.
 */
export function topicFor(prefix: string, schema: string, table: string): string {
  const name = `${prefix}.${schema}.${table}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return name.length > MAX_TOPIC_NAME ? name.slice(0, MAX_TOPIC_NAME) : name;
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
