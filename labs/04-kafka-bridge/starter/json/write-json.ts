/**
 * JSON for change events, with one difference from JSON.stringify: a bigint is written as a
 * bare JSON number with all its digits.
 *
 * Debezium writes INT64 fields (bigint columns, microsecond timestamps, LSNs, ts_ns) as plain
 * numbers, and 9007199254740993 must arrive as 9007199254740993, not ...992: JavaScript numbers
 * are doubles and lose integers above 2^53. JSON.stringify throws on bigint, and a toJSON hook
 * can only return a string — a quoted "9007199254740993" would be a different JSON value from
 * Debezium's. So the event keeps such values as bigint and this writer prints them.
 *
 * Written by hand rather than taken from a library (json-bigint, lossless-json) because the
 * job is small — twenty lines — and this way every rule is visible: bigint → digits, finite
 * numbers as JSON.stringify prints them, NaN/Infinity refused (JSON has no such numbers; the
 * value converters turn them into strings first), keys in insertion order, no whitespace.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function writeJson(value: JsonValue): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`JSON has no number ${value}: convert it to a string before writing`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
      return writeObject(value);
  }
}

// Column and field names repeat in every event: quote each once.
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function writeObject(object: JsonObject): string {
  let text = '{';
  for (const key in object) {
    const member = object[key];
    // An absent optional member is left out, as JSON.stringify leaves out undefined.
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${quotedKey(key)}:${writeJson(member)}`;
  }
  return `${text}}`;
}
