import { describe, expect, it } from 'vitest';
import { base64, bitsToBytes, byteaToBytes } from '../src/envelope/values/binary.ts';
import { booleanValue, floatValue, int32Value, int64Value, moneyValue, numericValue } from '../src/envelope/values/numbers.ts';
import { pointValue } from '../src/envelope/values/point.ts';
import { nameBasedUuid, unavailableValue, UNAVAILABLE_VALUE } from '../src/envelope/values/unavailable.ts';

// "Debezium's test" marks vectors from debezium-connector-postgres 3.0.8's
// AbstractRecordsProducerTest (schemasAndValuesForStringEncodedNumericTypes, …ForBinTypes, …).

describe('numbers', () => {
  it('keeps int64 exact as bigint', () => {
    expect(int64Value('9007199254740993')).toBe(9007199254740993n);
    expect(int64Value('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(int32Value('-32768')).toBe(-32768);
  });

  it('passes numeric text through: scale and digits as stored (decimal.handling.mode=string)', () => {
    for (const text of ['1.10', '10', '10.1111', '22.2200', '22.0000', '0.00001', '-12.50']) expect(numericValue(text)).toBe(text); // Debezium's test
  });

  it("names numeric's special values after Debezium's enum", () => {
    expect(numericValue('NaN')).toBe('NAN'); // Debezium's test
    expect(numericValue('Infinity')).toBe('POSITIVE_INFINITY'); // Debezium's test
    expect(numericValue('-Infinity')).toBe('NEGATIVE_INFINITY'); // Debezium's test
  });

  it('reads floats as numbers, and their special values as the strings Jackson quotes them as', () => {
    expect(floatValue('3.3')).toBe(3.3);
    expect(floatValue('1e+20')).toBe(1e20);
    expect(floatValue('NaN')).toBe('NaN');
    expect(floatValue('-Infinity')).toBe('-Infinity');
  });

  it('reads booleans like Debezium: "t" is true, anything else false', () => {
    expect([booleanValue('t'), booleanValue('f')]).toEqual([true, false]);
  });

  it('strips the currency sign and grouping from money', () => {
    expect(moneyValue('$1,234.11')).toBe('1234.11');
    expect(moneyValue('-$1,234.11')).toBe('-1234.11');
  });
});

describe('bytes', () => {
  it('reads hex bytea and writes standard base64', () => {
    expect(base64(byteaToBytes('\\x010203'))).toBe('AQID'); // Debezium's test (binary.handling.mode=base64 shows the JSON form)
    expect(base64(byteaToBytes('\\x'))).toBe('');
    expect(() => byteaToBytes('\\001')).toThrow(/bytea_output/);
  });

  it('turns bit strings into little-endian bytes, as few as needed', () => {
    expect([...bitsToBytes('11')]).toEqual([3]); // Debezium's test
    expect([...bitsToBytes('1000000')]).toEqual([64]); // '1'::bit(7), Debezium's test
    expect([...bitsToBytes('00')]).toEqual([]); // Debezium's test
    expect([...bitsToBytes('000000110000001000000001')]).toEqual([1, 2, 3]); // Debezium's test
    expect([...bitsToBytes(`1${'0'.repeat(63)}`)]).toEqual([0, 0, 0, 0, 0, 0, 0, 128]); // Debezium's test
    expect([...bitsToBytes('111011010001000110000001000000001')]).toEqual([1, 2, 35, 218, 1]); // Debezium's test
  });
});

describe('point', () => {
  it('is a struct of coordinates plus well-known binary', () => {
    expect(pointValue('(1,1)')).toEqual({ x: 1, y: 1, wkb: 'AQEAAAAAAAAAAADwPwAAAAAAAPA/', srid: null });
  });
});

describe('unchanged TOAST placeholders', () => {
  it('has a shape per kind of column', () => {
    expect(unavailableValue('string')).toBe(UNAVAILABLE_VALUE);
    expect(unavailableValue('bytes')).toBe('X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==');
    expect(Buffer.from(unavailableValue('bytes') as string, 'base64').toString()).toBe('__debezium_unavailable_value');
    expect(unavailableValue('string-array')).toEqual(['__debezium_unavailable_value']);
    expect((unavailableValue('int-array') as number[]).slice(0, 3)).toEqual([95, 95, 100]);
    expect((unavailableValue('int64-array') as bigint[])[0]).toBe(95n);
    expect(unavailableValue('hstore')).toBe('{"__debezium_unavailable_value":"__debezium_unavailable_value"}');
  });

  it('uses a version 3 (MD5) UUID for uuid[], like java.util.UUID.nameUUIDFromBytes', () => {
    // RFC 4122 name-based UUIDs: nameUUIDFromBytes("") is d41d8cd9-8f00-3204-a980-0998ecf8427e.
    expect(nameBasedUuid(Buffer.alloc(0))).toBe('d41d8cd9-8f00-3204-a980-0998ecf8427e');
    expect((unavailableValue('uuid-array') as string[])[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
