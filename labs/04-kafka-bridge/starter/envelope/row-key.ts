import { todo } from '@cdc-lab/common';
import type { JsonObject } from '../../src/json/write-json.ts';
import type { TableShape } from '../../src/envelope/table-shape.ts';

/** The key object from a row, or null if the table has no key. */
export function keyOf(shape: TableShape, row: JsonObject): JsonObject | null {
  // TODO: the Kafka key of a row: an object of the key columns (shape.keyColumns) and their
  //   values in the row. In which order must the columns come, and why does it matter to the
  //   partition? What is the key of a table without key columns?
  return todo('building the key of a row', 'docs/04-kafka-bridge.md#keys-topics-and-tombstones');
}
