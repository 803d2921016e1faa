import type { JsonValue } from '../../json/write-json.ts';
import type { PgType, TypeCatalog } from '../type-catalog.ts';
import { parseArrayLiteral, type ArrayElements } from './array-literal.ts';
import { base64, bitsToBytes, bitValue, byteaToBytes } from './binary.ts';
import { hstoreToJson } from './hstore.ts';
import { intervalToMicros } from './interval.ts';
import { booleanValue, floatValue, int32Value, int64Value, moneyValue, numericValue, numericZero } from './numbers.ts';
import { pointValue } from './point.ts';
import { dateToEpochDays, timestamptzToIso, timestampToMicros, timestampToMillis, timetzToIso, timeToMicros, timeToMillis } from './temporal.ts';
import { unavailableValue, type UnavailableShape } from './unavailable.ts';

/**
 * How one column's values become JSON: chosen once per column from its type OID and type
 * modifier, then applied to every value's text.
 */
export interface ValueConverter {
  /** What Debezium calls the field's schema: a Connect type or a semantic name (for docs and errors). */
  readonly semantic: string;
  fromText(text: string): JsonValue;
  /** Debezium's stand-in for an unchanged TOASTed value of this column (see unavailable.ts). */
  readonly unavailable: JsonValue;
  /**
   * What Debezium writes when a NOT NULL column has no value (the non-key columns of an old key
   * under REPLICA IDENTITY DEFAULT) and no default: a zero of the type (see absent-value.ts).
   */
  readonly fallback: JsonValue;
}

/**
 * Types Debezium has no mapping for (geometric types other than point, tsvector, composite
 * types, …): with include.unknown.datatypes=false, its default, such a column is left out of
 * the event altogether — 'omit' does the same. 'text' keeps it as the text Postgres printed.
 */
export type UnknownTypePolicy = 'omit' | 'text';

const STRING_TYPES = new Set([
  'text', 'varchar', 'bpchar', 'char', 'name', 'xml', 'uuid', 'json', 'jsonb',
  'inet', 'cidr', 'macaddr', 'macaddr8',
  'int4range', 'numrange', 'int8range', 'tsrange', 'tstzrange', 'daterange',
]);
/** Debezium's semantic names for some of the string types; the rest are plain strings. */
const STRING_SEMANTICS: Record<string, string> = {
  uuid: 'io.debezium.data.Uuid', json: 'io.debezium.data.Json', jsonb: 'io.debezium.data.Json', xml: 'io.debezium.data.Xml',
};
/** Extension types Debezium recognises by name, whatever OID they got in this database. */
const EXTENSION_STRING_TYPES: Record<string, string> = { citext: 'string', ltree: 'io.debezium.data.Ltree', isbn: 'string' };

/** Element types whose arrays Debezium maps (PostgresValueConverter.schemaBuilder's array cases). */
const ARRAY_ELEMENTS = new Set([
  'int2', 'int4', 'int8', 'oid', 'char', 'varchar', 'text', 'bpchar', 'numeric', 'float4', 'float8', 'bool',
  'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'uuid', 'json', 'jsonb', 'bytea',
  'inet', 'cidr', 'macaddr', 'macaddr8', 'int4range', 'numrange', 'int8range', 'tsrange', 'tstzrange', 'daterange',
  'citext', 'ltree', 'hstore',
]);
const ARRAY_UNAVAILABLE: Record<string, UnavailableShape> = {
  text: 'string-array', varchar: 'string-array', bpchar: 'string-array', json: 'string-array', jsonb: 'string-array',
  bytea: 'bytes-array', int4: 'int-array', date: 'int-array', int8: 'int64-array', uuid: 'uuid-array',
};

/** For types whose JSON value is the text Postgres printed. */
const asText = (value: string): string => value;

export function converterFor(typeOid: number, typmod: number, types: TypeCatalog, unknownTypes: UnknownTypePolicy = 'omit'): ValueConverter | null {
  const resolved = resolve(typeOid, typmod, types);
  const converter = resolved && (resolved.type.kind === 'array' || isArrayByName(resolved.type)
    ? arrayConverter(resolved.type, resolved.typmod, types)
    : scalarConverter(resolved.type, resolved.typmod));
  if (converter) return converter;
  return unknownTypes === 'text' ? makeConverter('string (unmapped type, as text)', asText, '') : null;
}

/** Follow domains down to the type they constrain; a domain's own modifier applies when the column has none. */
function resolve(typeOid: number, typmod: number, types: TypeCatalog): { type: PgType; typmod: number } | undefined {
  let type = types.get(typeOid);
  let modifier = typmod;
  for (let depth = 0; type && depth < 16; depth += 1) {
    if (type.kind === 'domain' && type.baseOid !== undefined) {
      if (modifier < 0) modifier = type.baseTypmod ?? -1;
      type = types.get(type.baseOid);
    } else if (type.kind === 'named' && type.namespace === '') {
      // A Type message names a domain by its base type in pg_catalog.
      return { type: types.builtIn(type.name) ?? type, typmod: modifier };
    } else {
      return { type, typmod: modifier };
    }
  }
  return undefined;
}

/** Time types: typmod is the number of fraction digits, -1 meaning the default of 6. */
function precisionOf(typmod: number): number {
  return typmod < 0 ? 6 : typmod;
}

function scalarConverter(type: PgType, typmod: number): ValueConverter | null {
  if (type.kind === 'enum' || type.kind === 'named' || type.namespace !== '') return userTypeConverter(type);
  const precision = precisionOf(typmod);
  if (STRING_TYPES.has(type.name)) return makeConverter(STRING_SEMANTICS[type.name] ?? 'string', asText, '');
  switch (type.name) {
    case 'bool':
      return makeConverter('boolean', booleanValue, false);
    case 'int2':
      return makeConverter('int16', int32Value, 0);
    case 'int4':
      return makeConverter('int32', int32Value, 0);
    case 'int8':
    case 'oid':
      return makeConverter('int64', int64Value, 0n);
    case 'float4':
      return makeConverter('float32', floatValue, 0);
    case 'float8':
      return makeConverter('float64', floatValue, 0);
    case 'numeric':
      return makeConverter('string (decimal.handling.mode=string)', numericValue, numericZero(typmod));
    case 'money':
      return makeConverter('string (decimal.handling.mode=string)', moneyValue, '0.00');
    case 'bytea':
      return makeConverter('bytes (base64)', (value) => base64(byteaToBytes(value)), '', 'bytes');
    case 'bit':
    case 'varbit':
      // typmod is the length; an unconstrained varbit (-1) is treated as long.
      return typmod === 1
        ? makeConverter('boolean', bitValue, false)
        : makeConverter('io.debezium.data.Bits', (value) => base64(bitsToBytes(value)), '');
    case 'date':
      return makeConverter('io.debezium.time.Date', dateToEpochDays, 0);
    case 'time':
      return precision <= 3
        ? makeConverter('io.debezium.time.Time', timeToMillis, 0)
        : makeConverter('io.debezium.time.MicroTime', timeToMicros, 0n);
    case 'timetz':
      return makeConverter('io.debezium.time.ZonedTime', timetzToIso, '00:00:00Z');
    case 'timestamp':
      return precision <= 3
        ? makeConverter('io.debezium.time.Timestamp', timestampToMillis, 0n)
        : makeConverter('io.debezium.time.MicroTimestamp', timestampToMicros, 0n);
    case 'timestamptz':
      return makeConverter('io.debezium.time.ZonedTimestamp', (value) => timestamptzToIso(value, precision), '1970-01-01T00:00:00Z');
    case 'interval':
      return makeConverter('io.debezium.time.MicroDuration', intervalToMicros, 0n);
    case 'point':
      return makeConverter('io.debezium.data.geometry.Point', pointValue, pointValue('(0,0)'));
    default:
      return null;
  }
}

/**
 * A type that is not built in: enums are strings (io.debezium.data.Enum), and so are the
 * extension types Debezium knows by name. A type only a Type message has named is most often
 * an enum, so it is kept as its text too — with the catalog rows loaded, no guess is needed.
 * Anything else (a composite, a range of your own) Debezium does not map.
 */
function userTypeConverter(type: PgType): ValueConverter | null {
  if (type.kind === 'enum') return makeConverter('io.debezium.data.Enum', asText, '');
  if (type.name === 'hstore') return makeConverter('io.debezium.data.Json (hstore)', hstoreToJson, '{}', 'hstore');
  const extension = EXTENSION_STRING_TYPES[type.name];
  if (extension !== undefined) return makeConverter(extension, asText, '');
  return type.kind === 'named' ? makeConverter('string (type named by pgoutput only)', asText, '') : null;
}

function arrayConverter(type: PgType, typmod: number, types: TypeCatalog): ValueConverter | null {
  const element = type.elementOid === undefined ? undefined : types.get(type.elementOid);
  const supported = element && (element.kind === 'enum' || element.kind === 'named' || ARRAY_ELEMENTS.has(element.name));
  if (type.elementOid !== undefined && !supported) return null;
  // An array type known only by name (`_mood`): its elements are kept as text.
  const elements = element ? scalarConverter(element, typmod) : makeConverter('string', asText, '');
  if (!elements) return null;
  const convert = (values: ArrayElements): JsonValue[] =>
    values.map((value) => (value === null ? null : Array.isArray(value) ? convert(value) : elements.fromText(value)));
  return makeConverter(`array of ${elements.semantic}`, (value) => convert(parseArrayLiteral(value)), [], ARRAY_UNAVAILABLE[element?.name ?? ''] ?? 'string');
}

function isArrayByName(type: PgType): boolean {
  return type.kind === 'named' && type.name.startsWith('_');
}

function makeConverter(semantic: string, fromText: (text: string) => JsonValue, fallback: JsonValue, unavailable: UnavailableShape = 'string'): ValueConverter {
  return { semantic, fromText, unavailable: unavailableValue(unavailable), fallback };
}
