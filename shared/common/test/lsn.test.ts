import { describe, expect, it } from 'vitest';
import { Lsn } from '../src/lsn.ts';

describe('Lsn', () => {
  it('round-trips the textual form Postgres prints', () => {
    for (const text of ['0/0', '0/16B1970', '16/B374D848', 'FFFFFFFF/FFFFFFFF']) {
      expect(Lsn.parse(text).toString()).toBe(text);
    }
  });

  it('compares numerically, not as text', () => {
    expect(Lsn.parse('0/A0').isBefore(Lsn.parse('0/1000'))).toBe(true);
    expect(Lsn.parse('1/0').isAfter(Lsn.parse('0/FFFFFFFF'))).toBe(true);
    expect(Lsn.parse('0/10').compare(Lsn.parse('0/10'))).toBe(0);
  });

  it('measures the WAL between two positions', () => {
    expect(Lsn.parse('1/0').bytesSince(Lsn.parse('0/FFFFFF00'))).toBe(256n);
  });

  it('rejects text that is not an LSN', () => {
    for (const text of ['', '0', '0/', '/1', 'G/1', '123456789/0']) {
      expect(() => Lsn.parse(text)).toThrow(RangeError);
    }
  });
});
