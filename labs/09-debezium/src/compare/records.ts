import { readJson, type JsonValue } from '@cdc-lab/04-kafka-bridge/json';
import type { TopicRecord } from '../events/read-topics.ts';

/** One record as the diff sees it: the value parsed (int64s kept whole), the headers as text. */
export interface ComparableRecord {
  offset: bigint;
  value: JsonValue | null;
  headers: Record<string, string>;
}

/**
 * Records of one pipeline by "<schema>.<table> <key>", each list in offset order. The topic
 * prefix is cut off (each pipeline has its own), the key is kept as written: its bytes decide
 * the partition, so a key that differs in text is a difference.
 */
export type KeyedRecords = Map<string, ComparableRecord[]>;

export function byTableAndKey(records: readonly TopicRecord[], topicPrefix: string): KeyedRecords {
  const keyed: KeyedRecords = new Map();
  for (const record of records) {
    const table = record.topic.startsWith(`${topicPrefix}.`) ? record.topic.slice(topicPrefix.length + 1) : record.topic;
    const group = `${table} ${record.key ?? 'null'}`;
    const list = keyed.get(group) ?? [];
    list.push({ offset: record.offset, value: record.value === null ? null : readJson(record.value), headers: record.headers });
    keyed.set(group, list);
  }
  return keyed;
}
