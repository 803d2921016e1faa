import { describe, expect, it } from 'vitest';
import { writeJson } from '../src/json/write-json.ts';

describe('writeJson', () => {
  it('writes a bigint as a bare number with every digit', () => {
    expect(writeJson({ id: 9007199254740993n })).toBe('{"id":9007199254740993}');
    expect(writeJson([-9223372036854775808n, 18446744073709551615n])).toBe('[-9223372036854775808,18446744073709551615]');
    // What goes wrong without it: the double nearest 2^53 + 1 is 2^53.
    expect(JSON.stringify({ id: Number(9007199254740993n) })).toBe('{"id":9007199254740992}');
  });

  it('writes everything else as JSON.stringify does', () => {
    const value = { s: 'quote " backslash \\ newline \n ✓ \u0001', n: 4.44, e: 1e21, t: true, f: false, z: null, a: [1, 'x', [null]], o: {} };
    expect(writeJson(value)).toBe(JSON.stringify(value));
  });

  it('keeps keys in insertion order and leaves out undefined members', () => {
    const object: Record<string, never> = JSON.parse('{"b":1,"a":2}') as Record<string, never>;
    expect(writeJson(object)).toBe('{"b":1,"a":2}');
    expect(writeJson({ a: 1, gone: undefined as unknown as null })).toBe('{"a":1}');
  });

  it('refuses NaN and Infinity, which JSON cannot express', () => {
    expect(() => writeJson(Number.NaN)).toThrow(/no number NaN/);
    expect(() => writeJson({ x: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
  });
});
