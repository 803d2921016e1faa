import type { JsonValue } from '@cdc-lab/04-kafka-bridge/json';
import { documentedReason, type DocumentedDifference } from './documented.ts';
import type { ComparableRecord, KeyedRecords } from './records.ts';

/** One field that is not the same in both pipelines' record of the same change. */
export interface Difference {
  /** `<schema>.<table> <key> #<n>`: which record of which row. */
  where: string;
  /** The field: `after.c_int8`, `source.lsn`, `headers.__debezium.oldkey`, or `(records)` for a count. */
  path: string;
  debezium: string;
  bridge: string;
  /** Why this difference is expected, when it is. */
  documented?: string;
}

/**
 * Compare the two pipelines row by row: for every table and key, the n-th record of Debezium
 * against the n-th of the bridge, field by field — value and headers — and a count mismatch as
 * a difference of its own. Each difference is labelled with its documented reason, if any.
 */
export function diffEvents(debezium: KeyedRecords, bridge: KeyedRecords, documented?: readonly DocumentedDifference[]): Difference[] {
  const differences: Difference[] = [];
  const groups = [...new Set([...debezium.keys(), ...bridge.keys()])].sort();
  for (const group of groups) {
    const left = debezium.get(group) ?? [];
    const right = bridge.get(group) ?? [];
    if (left.length !== right.length) {
      differences.push(labelled({ where: group, path: '(records)', debezium: String(left.length), bridge: String(right.length) }, documented));
    }
    for (let index = 0; index < Math.min(left.length, right.length); index++) {
      const where = `${group} #${index + 1}`;
      for (const difference of diffRecords(left[index]!, right[index]!)) differences.push(labelled({ where, ...difference }, documented));
    }
  }
  return differences;
}

function diffRecords(left: ComparableRecord, right: ComparableRecord): Omit<Difference, 'where'>[] {
  const found: Omit<Difference, 'where'>[] = [];
  diffValues('', left.value, right.value, found);
  for (const name of [...new Set([...Object.keys(left.headers), ...Object.keys(right.headers)])].sort()) {
    if (left.headers[name] !== right.headers[name]) {
      found.push({ path: `headers.${name}`, debezium: left.headers[name] ?? '(none)', bridge: right.headers[name] ?? '(none)' });
    }
  }
  return found;
}

/** Walk both values together; objects field by field (a missing field is a difference), arrays item by item. */
function diffValues(path: string, left: JsonValue | null | undefined, right: JsonValue | null | undefined, found: Omit<Difference, 'where'>[]): void {
  if (isObject(left) && isObject(right)) {
    for (const field of [...new Set([...Object.keys(left), ...Object.keys(right)])]) {
      diffValues(path ? `${path}.${field}` : field, left[field], right[field], found);
    }
    return;
  }
  if (Array.isArray(left) && Array.isArray(right) && left.length === right.length) {
    left.forEach((item, index) => diffValues(`${path}[${index}]`, item, right[index], found));
    return;
  }
  const a = show(left);
  const b = show(right);
  if (a !== b) found.push({ path: path || '(value)', debezium: a, bridge: b });
}

function labelled(difference: Difference, documented?: readonly DocumentedDifference[]): Difference {
  const reason = documentedReason(difference.path, documented);
  return reason ? { ...difference, documented: reason } : difference;
}

function isObject(value: unknown): value is { [field: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as text, int64s with every digit; `(absent)` for a field one side does not have. */
export function show(value: JsonValue | null | undefined): string {
  if (value === undefined) return '(absent)';
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item));
}
