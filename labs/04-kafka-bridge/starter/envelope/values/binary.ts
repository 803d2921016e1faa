import { unreadable } from './unreadable.ts';

/*
 * Bytes. With binary.handling.mode=bytes (the default) Debezium emits a Kafka Connect BYTES
 * field, which the JSON converter writes as standard base64 with padding.
 *
 *   bytea        "\x000102"     → "AAEC"
 *   bit(1)       "1"            → true (a single bit is a BOOLEAN)
 *   bit(n>1), varbit "1000000001" → io.debezium.data.Bits: the bit string as a number, little-endian
 *                                 bytes, as few as needed ("1000000001" = 513 → [0x01, 0x02] → "AQI=")
 */

const HEX_BYTEA = /^\\x([0-9a-fA-F]*)$/;

export function byteaToBytes(text: string): Buffer {
  const match = HEX_BYTEA.exec(text);
  if (!match || match[1]!.length % 2 !== 0) throw unreadable('bytea', text, '\\x followed by hex digits (bytea_output hex)');
  return Buffer.from(match[1]!, 'hex');
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function bitValue(text: string): boolean {
  if (!/^[01]$/.test(text)) throw unreadable('bit', text, '0 or 1');
  return text === '1';
}

/**
 * The rightmost character is bit 0 (Debezium fills a java.util.BitSet from the right and then
 * takes BitSet.toByteArray(), which is little-endian and drops trailing zero bytes).
 */
export function bitsToBytes(text: string): Buffer {
  if (!/^[01]*$/.test(text)) throw unreadable('bit varying', text, 'a string of 0 and 1');
  const firstOne = text.indexOf('1');
  if (firstOne < 0) return Buffer.alloc(0);
  const highest = text.length - 1 - firstOne;
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (let bit = 0; bit <= highest; bit += 1) {
    if (text[text.length - 1 - bit] === '1') bytes[bit >> 3]! |= 1 << (bit & 7);
  }
  return bytes;
}
