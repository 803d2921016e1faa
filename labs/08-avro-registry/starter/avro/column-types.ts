import type avro from 'avsc';
import { todo } from '@cdc-lab/common';
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

/** Postgres type → Avro type: the field's schema, and its default. */
export function avroColumn(column: ColumnFacts): AvroColumn {
  // TODO: the kind is avroKindOf(column). The bare schema is the kind itself for the primitives
  //   ('int', 'string', …); with a logical type for the others:
  //     decimal  { type: 'bytes', logicalType: 'decimal', precision, scale }  (numericPrecisionScale(column.typmod))
  //     date     { type: 'int', logicalType: 'date' }
  //     time-micros, timestamp-micros, local-timestamp-micros   { type: 'long', logicalType: <kind> }
  //     uuid     { type: 'string', logicalType: 'uuid' }
  //     fallback-string   'string'
  //   A column that may be null: schema ['null', bare], default null — why must "null" come first?
  //   A NOT NULL column: the bare schema, and column.defaultValue as the default if there is one.
  return todo('mapping a Postgres column to an Avro field', 'docs/08-avro-registry.md#postgres-types-in-avro');
}

/** Which AvroKind a column's (resolved) type is; anything unmapped is 'fallback-string'. */
export function avroKindOf(column: ColumnFacts): AvroKind {
  // TODO: switch on column.type?.name (built-in types have namespace ''): bool, int2/int4, int8/oid,
  //   float4, float8, numeric (a decimal only with a declared precision: else the fallback),
  //   text/varchar/bpchar/name, bytea, uuid, date, time, timestamptz, timestamp. Which of the
  //   two timestamp types is an instant?
  return todo('choosing the Avro type of a Postgres type', 'docs/08-avro-registry.md#postgres-types-in-avro');
}
