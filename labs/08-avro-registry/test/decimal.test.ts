import { describe, expect, it } from 'vitest';
import { avroType } from '../src/avro/avsc-options.ts';
import { fromTwosComplement, toTwosComplement } from '../src/avro/decimal.ts';

const decimal = (precision: number, scale: number) => avroType({ type: 'bytes', logicalType: 'decimal', precision, scale } as never);

describe('the decimal logical type', () => {
  it('writes the unscaled integer in two\'s complement, big-endian, in as few bytes as it takes', () => {
    expect(toTwosComplement(1250n).toString('hex')).toBe('04e2');
    expect(toTwosComplement(-1n).toString('hex')).toBe('ff');
    expect(toTwosComplement(128n).toString('hex')).toBe('0080');
    expect(fromTwosComplement(Buffer.from('ff7f', 'hex'))).toBe(-129n);
  });

  it('round-trips decimal text at the schema\'s scale', () => {
    const type = decimal(10, 2);
    for (const [text, back] of [['12.50', '12.50'], ['12.5', '12.50'], ['-0.05', '-0.05'], ['0', '0.00'], ['99999999.99', '99999999.99']]) {
      expect(type.fromBuffer(type.toBuffer(text))).toBe(back);
    }
    // The body of 12.50: a bytes length of 2 (zigzag 4), then 04 e2.
    expect(type.toBuffer('12.50').toString('hex')).toBe('0404e2');
  });

  it('refuses what a numeric(p,s) decimal cannot hold', () => {
    const type = decimal(4, 2);
    expect(() => type.toBuffer('NaN')).toThrow(/cannot be an Avro decimal/);
    expect(() => type.toBuffer('1.234')).toThrow(/more than 2 fraction digits/);
    expect(() => type.toBuffer('123.45')).toThrow(/more than 4 digits/);
  });
});
