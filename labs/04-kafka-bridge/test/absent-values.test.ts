import { describe, expect, it } from 'vitest';
import { TypeCatalog } from '../src/envelope/type-catalog.ts';
import { defaultValue, nullValueFor, type ColumnFacts } from '../src/envelope/values/absent-value.ts';
import { converterFor } from '../src/envelope/values/convert.ts';
import { decimalLiteral } from '../src/envelope/values/numbers.ts';

const types = new TypeCatalog();
const NUMERIC_10_2 = ((10 << 16) | 2) + 4;
const OIDS: Record<string, number> = { int4: 23, int8: 20, text: 25, varchar: 1043, bool: 16, numeric: 1700, uuid: 2950, timestamptz: 1184, timestamp: 1114, time: 1083, date: 1082, interval: 1186, float8: 701, _text: 1009, name: 19 };

/** What Debezium's JSON holds for a NULL in a column of this type, constraint and default. */
function nullOf(typeName: string, notNull: boolean, defaultExpression: string | null, typmod = -1) {
  const converter = converterFor(OIDS[typeName]!, typmod, types)!;
  const column: ColumnFacts = { typeName, isEnum: false, typmod, notNull, defaultExpression };
  return nullValueFor(converter, column);
}

describe('what a NULL becomes', () => {
  it('stays null in a nullable column without a default', () => {
    expect(nullOf('text', false, null)).toBeNull();
  });

  it('becomes a zero of the type in a NOT NULL column without a default', () => {
    expect([nullOf('int4', true, null), nullOf('int8', true, null), nullOf('text', true, null), nullOf('bool', true, null)]).toEqual([0, 0n, '', false]);
    expect(nullOf('numeric', true, null, NUMERIC_10_2)).toBe('0.00');
    expect(nullOf('timestamptz', true, null)).toBe('1970-01-01T00:00:00Z');
    expect(nullOf('_text', true, null)).toEqual([]);
  });

  it('becomes the default when there is one, nullable or not', () => {
    expect(nullOf('text', false, "'none'::text")).toBe('none');
    expect(nullOf('int4', true, "'-1'::integer")).toBe(-1);
    expect(nullOf('numeric', true, '5', NUMERIC_10_2)).toBe('5.00');
    expect(nullOf('bool', true, 'true')).toBe(true);
    expect(nullOf('timestamptz', true, "'2024-02-29 13:51:30+00'::timestamp with time zone")).toBe('2024-02-29T13:51:30.000000Z');
  });
});

describe('reading default expressions like Debezium', () => {
  const facts = (typeName: string, typmod = -1): ColumnFacts => ({ typeName, isEnum: false, typmod, notNull: true, defaultExpression: null });
  const read = (typeName: string, expression: string, typmod = -1) => defaultValue(converterFor(OIDS[typeName]!, typmod, types)!, facts(typeName, typmod), expression);

  it('turns generated defaults into fixed placeholders', () => {
    expect(read('int8', "nextval('orders_id_seq'::regclass)")).toBe(0n);
    expect(read('timestamptz', 'now()')).toBe('1970-01-01T00:00:00.000000Z');
    expect(read('timestamptz', 'CURRENT_TIMESTAMP')).toBe('1970-01-01T00:00:00.000000Z');
    expect(read('timestamp', 'now()')).toBe(0n);
    expect(read('time', 'CURRENT_TIME')).toBe(0n);
    expect(read('date', 'CURRENT_DATE')).toBe(0);
    expect(read('uuid', 'gen_random_uuid()')).toBe('00000000-0000-0000-0000-000000000000');
    expect(read('interval', 'make_interval(days => 1)')).toBe(0n);
  });

  it('takes the first quoted literal, or the bare text', () => {
    expect(read('varchar', "'it''s'::character varying")).toBe('it');
    expect(read('float8', '1.5')).toBe(1.5);
    expect(read('interval', "'1 day'::interval")).toBe(86_400_000_000n);
  });

  it('keeps no default for NULL::type, unreadable literals and types without a reader', () => {
    expect(read('text', 'NULL::text')).toBeUndefined();
    expect(read('int4', "'1.5'::integer")).toBeUndefined();
    expect(read('name', "'x'::name")).toBeUndefined();
  });

  it('reads an enum default only when the cast names the type as the column does', () => {
    const mood = { typeName: 'mood', isEnum: true, typmod: -1, notNull: true, defaultExpression: null };
    const converter = converterFor(25, -1, types)!;
    expect(defaultValue(converter, mood, "'ok'::mood")).toBe('ok');
    expect(defaultValue(converter, mood, "'ok'::shop.mood")).toBeUndefined();
  });
});

describe('decimalLiteral', () => {
  it('prints a decimal the way BigDecimal.toPlainString does after setScale', () => {
    expect(decimalLiteral('5', NUMERIC_10_2)).toBe('5.00');
    expect(decimalLiteral('0.0', -1)).toBe('0.0');
    expect(decimalLiteral('-0.0', -1)).toBe('0.0');
    expect(decimalLiteral('007.5', -1)).toBe('7.5');
    expect(decimalLiteral('1.234', NUMERIC_10_2)).toBeUndefined();
    expect(decimalLiteral('abc', -1)).toBeUndefined();
  });
});
