import type { JsonValue } from '../../json/write-json.ts';
import type { ValueConverter } from './convert.ts';
import { decimalLiteral, floatValue, int32Value, int64Value } from './numbers.ts';

/*
 * What a NULL becomes in Debezium's JSON. Not always null:
 *
 * 1. A column with a DEFAULT gets that default as its schema's default value, and Kafka's
 *    JsonConverter (replace.null.with.default=true, its default) writes the default in place
 *    of any null — even a NULL someone inserted on purpose.
 * 2. A NOT NULL column is a required field, and a required field cannot hold null; Debezium's
 *    converters put a zero of the type there instead (ValueConverter.fallback: 0, "", false,
 *    "1970-01-01T00:00:00Z", []). Where does a NOT NULL column get a null? In the old key of
 *    an UPDATE or DELETE under REPLICA IDENTITY DEFAULT: only the key columns have values.
 *
 * The default expression is read as Debezium's PostgresDefaultValueConverter reads it, from
 * pg_get_expr() text: a function call (nextval(…), now(), gen_random_uuid()) or
 * CURRENT_TIMESTAMP counts as "generated" and stands for a fixed placeholder; otherwise the
 * first '…' literal, or the bare text (5, true); NULL::type means no default. Only the
 * column types below have a reader — for others (and domains) Debezium keeps no default.
 */

/** Per column type (its own name, not a domain's base): the placeholder a generated default stands for. */
const GENERATED_PLACEHOLDER: Record<string, string> = {
  bit: '00', varbit: '0', bool: 'false', bpchar: '', varchar: '', text: '', json: '{}', jsonb: '{}', xml: '',
  numeric: '0.0', float4: '0.0', float8: '0.0', int2: '0', int4: '0', int8: '0',
  uuid: '00000000-0000-0000-0000-000000000000',
  date: '1970-01-01', time: '00:00', timestamp: '1970-01-01', timestamptz: '1970-01-01', interval: 'epoch',
};

const FUNCTION_CALL = /^[(]?[A-Za-z0-9_.]+\((?:.+(?:, ?.+)*)?\)/;
const CURRENT_DATE_TIMES = new Set(['current_timestamp', 'current_time', 'current_date', 'localtime', 'localtimestamp']);
const QUOTED_LITERAL = /'(.*?)'/;

export interface ColumnFacts {
  /** The column's own type name ('int4', 'varchar', an enum's name, a domain's name). */
  typeName: string;
  isEnum: boolean;
  typmod: number;
  notNull: boolean;
  /** pg_get_expr(adbin) of the column default, or null. */
  defaultExpression: string | null;
}

/** The JSON a null of this column turns into. */
export function nullValueFor(converter: ValueConverter, column: ColumnFacts): JsonValue {
  const fromDefault = column.defaultExpression === null ? undefined : defaultValue(converter, column, column.defaultExpression);
  if (fromDefault !== undefined) return fromDefault;
  return column.notNull ? converter.fallback : null;
}

/** The column default as Debezium would emit it, or undefined when Debezium keeps none. */
export function defaultValue(converter: ValueConverter, column: ColumnFacts, expression: string): JsonValue | undefined {
  if (column.isEnum) return enumDefault(column.typeName, expression);
  const placeholder = GENERATED_PLACEHOLDER[column.typeName];
  if (placeholder === undefined) return undefined;
  const literal = literalOf(expression.trim(), placeholder);
  if (literal === null) return undefined;
  try {
    return convertLiteral(converter, column, literal);
  } catch {
    // Debezium logs "Cannot parse column default value" and carries on without a default.
    return undefined;
  }
}

function literalOf(expression: string, placeholder: string): string | null {
  if (FUNCTION_CALL.test(expression) || CURRENT_DATE_TIMES.has(expression.toLowerCase())) return placeholder;
  if (!expression.includes("'")) return expression.startsWith('NULL::') ? null : expression;
  return QUOTED_LITERAL.exec(expression)?.[1] ?? null;
}

function convertLiteral(converter: ValueConverter, column: ColumnFacts, literal: string): JsonValue | undefined {
  switch (column.typeName) {
    case 'bool':
      return literal.toLowerCase() === 'true';
    case 'int2':
    case 'int4':
      return int32Value(literal);
    case 'int8':
      return int64Value(literal);
    case 'float4':
    case 'float8':
      return floatValue(literal);
    case 'numeric':
      return decimalLiteral(literal, column.typmod);
    case 'bpchar':
    case 'varchar':
    case 'text':
    case 'json':
    case 'jsonb':
    case 'xml':
    case 'uuid':
      return literal;
    case 'interval':
      // The JDBC driver reads the placeholder "epoch" as a zero interval.
      return literal === 'epoch' ? 0n : converter.fromText(literal);
    case 'time':
      return converter.fromText(/^\d{2}:\d{2}$/.test(literal) ? `${literal}:00` : literal);
    case 'timestamp':
      return converter.fromText(literal.length === 10 ? `${literal} 00:00:00` : literal);
    case 'timestamptz':
      // A date alone is midnight in the connection's zone, which is UTC for Debezium.
      return converter.fromText(literal.length === 10 ? `${literal} 00:00:00+00` : literal);
    default:
      return converter.fromText(literal);
  }
}

/** 'happy'::mood → "happy"; only when the cast names the enum exactly as its type name. */
function enumDefault(typeName: string, expression: string): string | undefined {
  const suffix = `::${typeName}`;
  if (!expression.endsWith(suffix)) return undefined;
  const quoted = expression.slice(0, -suffix.length);
  return quoted.startsWith("'") && quoted.endsWith("'") ? quoted.slice(1, -1) : undefined;
}
