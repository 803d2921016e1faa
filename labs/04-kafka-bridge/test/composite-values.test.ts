import { describe, expect, it } from 'vitest';
import { TypeCatalog } from '../src/envelope/type-catalog.ts';
import { parseArrayLiteral } from '../src/envelope/values/array-literal.ts';
import { converterFor } from '../src/envelope/values/convert.ts';
import { hstoreToJson, javaStringHash, parseHstore } from '../src/envelope/values/hstore.ts';

describe('parseArrayLiteral', () => {
  it('reads quoted, unquoted, NULL and empty elements', () => {
    expect(parseArrayLiteral('{1,2,NULL}')).toEqual(['1', '2', null]);
    expect(parseArrayLiteral('{plain,"with space","with \\"quote\\"","with \\\\ backslash","NULL",NULL,""}'))
      .toEqual(['plain', 'with space', 'with "quote"', 'with \\ backslash', 'NULL', null, '']);
    expect(parseArrayLiteral('{}')).toEqual([]);
  });

  it('nests for more dimensions and skips a bounds decoration', () => {
    expect(parseArrayLiteral('{{1,2},{3,4}}')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseArrayLiteral('[0:1]={7,8}')).toEqual(['7', '8']);
  });

  it('rejects what is not an array literal', () => {
    expect(() => parseArrayLiteral('{1,2')).toThrow(/array/);
    expect(() => parseArrayLiteral('{1}x')).toThrow(/nothing after the closing brace/);
  });
});

describe('hstore → JSON string in java.util.HashMap order', () => {
  it("computes Java's String.hashCode", () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });

  it('parses keys, values, NULL and escapes', () => {
    expect(parseHstore('"a"=>"1", "b c"=>NULL, "q\\"uote"=>"x"')).toEqual([['a', '1'], ['b c', null], ['q"uote', 'x']]);
    expect(parseHstore('')).toEqual([]);
  });

  it("orders keys the way Debezium's own tests expect", () => {
    // schemaAndValueFieldForJsonEncodedHStoreType…: key4 inserted before key5, printed after it.
    expect(hstoreToJson('"key4"=>"val4", "key5"=>NULL')).toBe('{"key5":null,"key4":"val4"}');
    expect(hstoreToJson('"key1"=>"val1", "key2"=>"val2", "key3"=>"val3"')).toBe('{"key1":"val1","key2":"val2","key3":"val3"}');
    expect(hstoreToJson('"key"=>"val"')).toBe('{"key":"val"}');
    expect(hstoreToJson('"key_#1"=>"val 1", "key 2"=>" ##123 78"')).toBe('{"key_#1":"val 1","key 2":" ##123 78"}');
  });
});

describe('converterFor', () => {
  const types = new TypeCatalog();
  const convert = (oid: number, typmod: number, text: string) => converterFor(oid, typmod, types)!.fromText(text);

  it('follows the adaptive precision rules by typmod', () => {
    expect(convert(1083, 3, '13:51:30.123')).toBe(49_890_123); // time(3): ms, int32
    expect(convert(1083, -1, '13:51:30.123')).toBe(49_890_123_000n); // time: µs, int64
    expect(convert(1114, 0, '2016-11-04 13:51:30')).toBe(1_478_267_490_000n); // timestamp(0): ms
    expect(convert(1114, 6, '2016-11-04 13:51:30')).toBe(1_478_267_490_000_000n); // timestamp(6): µs
    expect(convert(1184, 2, '2016-11-04 13:51:30.1+00')).toBe('2016-11-04T13:51:30.10Z');
  });

  it('treats bit(1) as a boolean and longer bit strings as bytes', () => {
    expect(convert(1560, 1, '1')).toBe(true);
    expect(convert(1560, 10, '1000000001')).toBe('AQI=');
    expect(convert(1562, -1, '101')).toBe('BQ==');
  });

  it('converts array elements with the element type, the column typmod applying to each', () => {
    expect(convert(1016, -1, '{9007199254740993,NULL}')).toEqual([9007199254740993n, null]);
    expect(convert(1185, 3, '{"2024-02-29 13:51:30+00"}')).toEqual(['2024-02-29T13:51:30.000Z']);
    expect(convert(1001, -1, '{"\\\\x0102"}')).toEqual(['AQI=']);
  });

  it('leaves out types Debezium does not map, unless asked for their text', () => {
    expect(converterFor(603, -1, types)).toBeNull(); // box
    expect(converterFor(3614, -1, types)).toBeNull(); // tsvector
    expect(converterFor(791, -1, types)).toBeNull(); // money[]: Debezium has no array mapping for it
    expect(converterFor(603, -1, types, 'text')!.fromText('(1,1),(0,0)')).toBe('(1,1),(0,0)');
  });

  it('knows user types from the catalog: enums are strings, domains convert as their base type', () => {
    const catalog = new TypeCatalog();
    catalog.addUserTypes([
      { oid: 70001, namespace: 'public', name: 'mood', kind: 'e', category: 'E', elementOid: 0, baseOid: 0, baseTypmod: -1, enumLabels: ['sad', 'happy'] },
      { oid: 70002, namespace: 'public', name: '_mood', kind: 'b', category: 'A', elementOid: 70001, baseOid: 0, baseTypmod: -1, enumLabels: [] },
      { oid: 70003, namespace: 'public', name: 'price', kind: 'd', category: 'N', elementOid: 0, baseOid: 1700, baseTypmod: ((10 << 16) | 2) + 4, enumLabels: [] },
      { oid: 70004, namespace: 'public', name: 'stamp', kind: 'd', category: 'D', elementOid: 0, baseOid: 1114, baseTypmod: 3, enumLabels: [] },
      { oid: 70005, namespace: 'public', name: 'pair', kind: 'c', category: 'C', elementOid: 0, baseOid: 0, baseTypmod: -1, enumLabels: [] },
    ]);
    expect(converterFor(70001, -1, catalog)!.fromText('happy')).toBe('happy');
    expect(converterFor(70002, -1, catalog)!.fromText('{sad,happy}')).toEqual(['sad', 'happy']);
    expect(converterFor(70003, -1, catalog)!.fromText('12.50')).toBe('12.50');
    // The domain's timestamp(3) makes it a millisecond Timestamp.
    expect(converterFor(70004, -1, catalog)!.fromText('2016-11-04 13:51:30.123')).toBe(1_478_267_490_123n);
    expect(converterFor(70005, -1, catalog)).toBeNull();
  });

  it('falls back on Type messages alone: a pg_catalog name is that built-in type, other names are kept as text', () => {
    const catalog = new TypeCatalog();
    catalog.learn({ tag: 'type', typeOid: 80001, namespace: '', name: 'int4' });
    catalog.learn({ tag: 'type', typeOid: 80002, namespace: 'public', name: 'mood' });
    catalog.learn({ tag: 'type', typeOid: 80003, namespace: 'public', name: '_mood' });
    catalog.learn({ tag: 'type', typeOid: 80004, namespace: 'public', name: 'hstore' });
    expect(converterFor(80001, -1, catalog)!.fromText('42')).toBe(42);
    expect(converterFor(80002, -1, catalog)!.fromText('happy')).toBe('happy');
    expect(converterFor(80003, -1, catalog)!.fromText('{sad,happy}')).toEqual(['sad', 'happy']);
    expect(converterFor(80004, -1, catalog)!.fromText('"a"=>"1"')).toBe('{"a":"1"}');
  });

  it('gives each converter the unchanged-TOAST placeholder of its type', () => {
    expect(converterFor(25, -1, types)!.unavailable).toBe('__debezium_unavailable_value');
    expect(converterFor(1009, -1, types)!.unavailable).toEqual(['__debezium_unavailable_value']);
    expect(converterFor(17, -1, types)!.unavailable).toBe('X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==');
    expect(converterFor(1016, -1, types)!.unavailable).toHaveLength(28);
  });
});
