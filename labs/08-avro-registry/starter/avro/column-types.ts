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
  // TODO: write the field a column becomes. First its bare type: the kind (avroKindOf) is either
  //   an Avro primitive as it is, or a primitive annotated with a logical type, and the chapter's
  //   table says which primitive carries which annotation. Where does a decimal keep its precision
  //   and scale, since its bytes do not? What does a fallback string keep of the Postgres type?
  //   Then nullability: a column that may be null is a union. Which branch must come first, and
  //   which default lets a newer schema read records written before the column existed? When
  //   does a NOT NULL column have a default at all?
  return todo('mapping a Postgres column to an Avro field', 'docs/08-avro-registry.md#postgres-types-in-avro');
}

/** Which AvroKind a column's (resolved) type is; anything unmapped is 'fallback-string'. */
export function avroKindOf(column: ColumnFacts): AvroKind {
  // TODO: decide from the resolved type's name, for built-in types only (how do you tell one from
  //   a user's type of the same name?), following the chapter's table. Why is a numeric without a
  //   declared precision not a decimal, and where would you find that precision? Of timestamp and
  //   timestamptz, which one is an instant? And what happens to every type the table does not list?
  return todo('choosing the Avro type of a Postgres type', 'docs/08-avro-registry.md#postgres-types-in-avro');
}
