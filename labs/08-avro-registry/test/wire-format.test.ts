import { describe, expect, it } from 'vitest';
import { frame, unframe } from '../src/wire-format.ts';

describe('the Confluent wire format', () => {
  it('puts the magic byte and the big-endian schema id before the body', () => {
    const framed = frame(0x01020304, Buffer.from([0xaa, 0xbb]));
    expect(framed.toString('hex')).toBe('0001020304aabb');
    expect(unframe(framed)).toEqual({ schemaId: 0x01020304, body: Buffer.from([0xaa, 0xbb]) });
  });

  it('refuses bytes without the magic byte, and records shorter than the header', () => {
    expect(() => unframe(Buffer.from('{"id":1}'))).toThrow(/magic byte/);
    expect(() => unframe(Buffer.from([0, 0, 1]))).toThrow(/magic byte/);
  });
});
