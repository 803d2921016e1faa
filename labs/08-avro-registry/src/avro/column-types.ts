import type avro from 'avsc';
import type { PgType } from '@cdc-lab/04-kafka-bridge/envelope';

/**
 * What the bridge knows about one column when it derives the schema: the Relation message's
 * type and modifier, the type's name (through the type catalog, domains followed), and — from
 * the catalog, because the Relation message does not carry them — NOT NULL and the default.
 */
export interface ColumnFacts {
  name: string;
  /** The type, with domains resolved to their base type; undefined if nobody could name it. */
  type: PgType | undefined;
  /** pg_attribute.atttypmod: numeric precision and scale, time precision, varchar length; -1 if none. */
  typmod: number;
  /** NOT NULL (always true for key columns). */
  notNull: boolean;
  /** The Avro default a NOT NULL column gets, if its DEFAULT is a constant the bridge can read. */
  defaultValue?: unknown;
}

/**
 * How a column's value travels, and therefore which converter turns lab 4's JSON value into
 * the Avro value (avro/values.ts).
 */
export type AvroKind =
  | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string'
  | 'decimal' | 'date' | 'time-micros' | 'timestamp-micros' | 'local-timestamp-micros' | 'uuid'
  /** A type the bridge does not map: the value as text (lab 4's JSON form). */
  | 'fallback-string';

export interface AvroColumn {
  kind: AvroKind;
  /** The field's type: the bare type for NOT NULL columns, ["null", type] for the others. */
  schema: avro.Schema;
  /** The field's default, if it has one: null for nullable columns (the first branch of the union). */
  default?: unknown;
}

/** numeric's type modifier packs precision and scale: ((precision << 16) | scale) + 4. */
export function numericPrecisionScale(typmod: number): { precision: number; scale: number } | null {
  if (typmod < 4) return null;
  const packed = typmod - 4;
  return { precision: (packed >> 16) & 0xffff, scale: packed & 0xffff };
}

/**
 * Postgres type → Avro type. Plain types map to Avro's primitives; types with a meaning beyond
 * their bits carry a logical type (decimal, date, time-micros, timestamp-micros, uuid), so that
 * a consumer in any language knows 19783 is a date. Nullable columns become a union with
 * "null" FIRST and a default of null: that default is what lets a reader with a newer schema
 * read records written before the column existed.
 */
export function avroColumn(column: ColumnFacts): AvroColumn {
  const kind = avroKindOf(column);
  let bare: avro.Schema;
  switch (kind) {
    case 'decimal': {
      // Precision and scale live in the schema; the bytes hold only the unscaled integer.
      const { precision, scale } = numericPrecisionScale(column.typmod)!;
      bare = { type: 'bytes', logicalType: 'decimal', precision, scale };
      break;
    }
    case 'date':
      bare = { type: 'int', logicalType: 'date' };
      break;
    case 'time-micros':
    case 'timestamp-micros':
    case 'local-timestamp-micros':
      bare = { type: 'long', logicalType: kind };
      break;
    case 'uuid':
      bare = { type: 'string', logicalType: 'uuid' };
      break;
    case 'fallback-string':
      // connect.type-like annotation: readers see which Postgres type the text came from.
      bare = { type: 'string', 'cdc.lab.postgres.type': column.type?.name ?? 'unknown' } as avro.Schema;
      break;
    default:
      bare = kind;
  }
  if (!column.notNull) return { kind, schema: ['null', bare] as avro.Schema, default: null };
  return column.defaultValue === undefined ? { kind, schema: bare } : { kind, schema: bare, default: column.defaultValue };
}

export function avroKindOf(column: ColumnFacts): AvroKind {
  switch (column.type?.namespace === '' ? column.type.name : undefined) {
    case 'bool':
      return 'boolean';
    case 'int2':
    case 'int4':
      return 'int';
    case 'int8':
    case 'oid':
      return 'long';
    case 'float4':
      return 'float';
    case 'float8':
      return 'double';
    case 'numeric':
      // Without a declared precision Avro cannot say how many digits to expect: text then.
      return numericPrecisionScale(column.typmod) ? 'decimal' : 'fallback-string';
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
      return 'string';
    case 'bytea':
      return 'bytes';
    case 'uuid':
      return 'uuid';
    case 'date':
      return 'date';
    case 'time':
      return 'time-micros';
    case 'timestamptz':
      // An instant: Postgres stores UTC microseconds and no zone — exactly Avro's timestamp-micros.
      return 'timestamp-micros';
    case 'timestamp':
      // A wall-clock reading with no zone: not an instant. Avro 1.10 named it local-timestamp-micros.
      return 'local-timestamp-micros';
    default:
      // json, jsonb, timetz, interval, money, arrays, enums, ranges, geometry, …: the text.
      return 'fallback-string';
  }
}
