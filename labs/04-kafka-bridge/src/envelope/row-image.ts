import { ReplicationError } from '@cdc-lab/common';
import type { JsonObject, JsonValue } from '../json/write-json.ts';
import type { TupleValue } from '../pgoutput/messages.ts';
import type { TableShape } from './table-shape.ts';
import type { ValueConverter } from './values/convert.ts';

/**
 * One row as the JSON object of `before` or `after`: every column of the table in table order,
 * except those Debezium leaves out (types it does not map).
 *
 * `previous` is the old row of the same change, if it has one. An unchanged TOASTed value
 * ('u') in the new row takes the old row's value when the old row has it — under REPLICA
 * IDENTITY FULL it does — and Debezium's placeholder otherwise.
 */
export function rowImage(shape: TableShape, values: readonly TupleValue[], previous: JsonObject | null = null): JsonObject {
  const { columns, relation } = shape;
  if (values.length !== columns.length) {
    throw new ReplicationError(`a row of ${relation.namespace}.${relation.name} has ${values.length} columns, but its Relation message lists ${columns.length}`, {
      hint: 'a change is always preceded by the Relation message for its table shape; a mismatch means a Relation message was missed or applied to the wrong table',
    });
  }
  const row: JsonObject = {};
  for (let index = 0; index < columns.length; index += 1) {
    const { name, converter, nullValue } = columns[index]!;
    if (converter !== null) row[name] = columnValue(values[index]!, name, converter, nullValue, previous);
  }
  return row;
}

function columnValue(value: TupleValue, name: string, converter: ValueConverter, nullValue: JsonValue, previous: JsonObject | null): JsonValue {
  switch (value.kind) {
    case 'null':
      // Null, unless a default or NOT NULL says otherwise (values/absent-value.ts).
      return nullValue;
    case 'text':
      return converter.fromText(value.text);
    case 'unchanged-toast': {
      const old = previous?.[name];
      return old === undefined || old === null ? converter.unavailable : old;
    }
    case 'binary':
      throw new ReplicationError(`column ${name} arrived in binary format`, {
        hint: "start replication without the binary 'true' option: the converters read the text format",
      });
  }
}
