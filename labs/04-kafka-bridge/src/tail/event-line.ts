import { readJson, writeJson, type JsonObject } from '../json/index.ts';

/** The fields a person reading a change wants first, in this order; the rest is in --full. */
const DIGEST_FIELDS = ['op', 'ts_ms', 'before', 'after', 'source'] as const;

/**
 * One record as `tail` prints it, the way kafka-console-consumer does with print.key:
 * `key=<key> <value>`, a tombstone's value as `null`, and the topic first when several are
 * tailed. The value is read and written back with every digit of its int64s (json/), so
 * that 9007199254740993 is not printed as 9007199254740992.
 */
export function eventLine(
  record: { topic: string; key: string | null; value: string | null },
  { showTopic, full, shorten = digest }: { showTopic: boolean; full: boolean; shorten?: typeof digest },
): string {
  const value = record.value === null ? 'null' : full ? record.value : shorten(record.value);
  return `${showTopic ? `${record.topic} ` : ''}key=${record.key ?? 'null'} ${value}`;
}

/** op, ts_ms, before, after, source — or the value untouched if it is not a change event. */
export function digest(value: string): string {
  let event;
  try {
    event = readJson(value);
  } catch {
    return value;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event) || !('op' in event)) return value;
  const shown: JsonObject = {};
  for (const field of DIGEST_FIELDS) {
    const member = event[field];
    if (member !== undefined) shown[field] = member;
  }
  return writeJson(shown);
}
