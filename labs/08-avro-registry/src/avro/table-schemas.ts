import type avro from 'avsc';
import { SchemaError } from '@cdc-lab/common';
import type { Envelope } from '@cdc-lab/04-kafka-bridge/envelope';
import type { JsonObject } from '@cdc-lab/04-kafka-bridge/json';
import type { RelationMessage } from '@cdc-lab/04-kafka-bridge/pgoutput';
import { avroType } from './avsc-options.ts';
import type { avroColumn, ColumnFacts } from './column-types.ts';
import { envelopeSchema } from './envelope-schema.ts';
import { avroFieldNames, avroNamespace } from './names.ts';
import { avroValueConverter, type AvroValueConverter } from './values.ts';

/** One Avro schema and the avsc Type that writes it. */
export interface AvroSchema {
  schema: avro.Schema;
  type: avro.Type;
}

/**
 * A table's Avro schemas as of one Relation message — the key (its key columns) and the value
 * (the envelope around a row record of every column) — and the functions that turn lab 4's
 * key and envelope into Avro bodies. Made once per Relation message, never per change.
 */
export interface TableSchemas {
  relation: RelationMessage;
  /** null for a table without key columns: its records have a null key and no key schema. */
  key: AvroSchema | null;
  value: AvroSchema;
  /** Avro binary of the key, without the registry's framing. */
  encodeKey(key: JsonObject): Buffer;
  encodeValue(envelope: Envelope): Buffer;
}

interface FieldPlan {
  column: string;
  field: string;
  convert: AvroValueConverter;
  nullable: boolean;
}

export function tableSchemas(
  relation: RelationMessage,
  columns: readonly ColumnFacts[],
  keyColumns: readonly string[],
  topicPrefix: string,
  typeFor: typeof avroColumn,
): TableSchemas {
  const namespace = avroNamespace(topicPrefix, relation.namespace, relation.name);
  const names = avroFieldNames(columns.map((column) => column.name));
  const plans: FieldPlan[] = [];
  const fields = columns.map((column) => {
    const mapped = typeFor(column);
    plans.push({ column: column.name, field: names.get(column.name)!, convert: avroValueConverter(mapped.kind, column.typmod), nullable: !column.notNull });
    return { name: names.get(column.name)!, type: mapped.schema, ...(mapped.default === undefined ? {} : { default: mapped.default }) };
  });
  const rowSchema = { type: 'record', name: 'Value', namespace, fields } as avro.Schema;
  const value = withType(envelopeSchema(namespace, rowSchema));

  const keyPlans = keyColumns.map((name) => plans.find((plan) => plan.column === name)!).filter(Boolean);
  const key = keyPlans.length === 0 ? null : withType({
    type: 'record',
    name: 'Key',
    namespace,
    fields: keyPlans.map((plan) => fields.find((field) => field.name === plan.field)!).map(({ name, type }) => ({ name, type })),
  } as avro.Schema);

  const table = `${relation.namespace}.${relation.name}`;
  return {
    relation,
    key,
    value,
    encodeKey: (jsonKey) => {
      if (!key) throw new SchemaError(`${table} has no key columns, yet its event has a key`);
      return encode(key.type, avroRow(jsonKey, keyPlans, table), table, 'key');
    },
    encodeValue: (envelope) => encode(value.type, {
      ...envelope,
      before: envelope.before === null ? null : avroRow(envelope.before, plans, table),
      after: envelope.after === null ? null : avroRow(envelope.after, plans, table),
    }, table, 'value'),
  };
}

function withType(schema: avro.Schema): AvroSchema {
  return { schema, type: avroType(schema) };
}

/** Lab 4's row (column name → JSON value) as the row record (field name → Avro value). */
function avroRow(row: JsonObject, plans: readonly FieldPlan[], table: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const plan of plans) {
    const value = row[plan.column];
    if (value === null || value === undefined) {
      if (!plan.nullable) throw new SchemaError(`${table}.${plan.column} is NOT NULL in the schema, but the change has no value for it`);
      record[plan.field] = null;
    } else {
      record[plan.field] = plan.convert(value);
    }
  }
  return record;
}

function encode(type: avro.Type, value: unknown, table: string, what: string): Buffer {
  try {
    return type.toBuffer(value);
  } catch (error) {
    if (error instanceof SchemaError) throw error;
    const problems: string[] = [];
    type.isValid(value, { errorHook: (path) => problems.push(path.join('.')) });
    throw new SchemaError(`cannot write the ${what} of a change of ${table} in Avro${problems.length > 0 ? ` (field ${problems.join(', ')})` : ''}: ${(error as Error).message}`, {
      cause: error,
      hint: 'the schema was derived from the Relation message; a value that does not fit it is a bug in the type mapping (avro/column-types.ts, avro/values.ts)',
    });
  }
}
