import type { JsonObject } from '../json/write-json.ts';
import type { TableShape } from './table-shape.ts';

/** The key object from a row, or null if the table has no key. */
export function keyOf(shape: TableShape, row: JsonObject): JsonObject | null {
  // No key columns, a null key: the record may land in any partition, and compaction keeps nothing.
  if (shape.keyColumns.length === 0) return null;
  // Key order, not table order: {"order_no":7,"line":1} must be the same bytes every time,
  // because the bytes pick the partition.
  const key: JsonObject = {};
  for (const name of shape.keyColumns) key[name] = row[name] ?? null;
  return key;
}
