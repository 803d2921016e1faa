import crypto from 'node:crypto';
import type { JsonValue } from '../../json/write-json.ts';

/*
 * When an UPDATE leaves a TOASTed value (a large text, bytea, jsonb, array stored out of line)
 * untouched, pgoutput does not send it: the column arrives as 'u', "unchanged, not sent".
 * The new row is then incomplete, and Debezium fills the gap with a placeholder
 * (unavailable.value.placeholder, default "__debezium_unavailable_value") shaped to fit the
 * column's type — see its UnchangedToastedPlaceholder:
 *
 *   text-like, json, numeric, …   "__debezium_unavailable_value"
 *   bytea                         the placeholder's UTF-8 bytes → base64 "X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ=="
 *   text[], varchar[], char[], json[], jsonb[]   ["__debezium_unavailable_value"]
 *   bytea[]                       ["X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ=="]
 *   int4[], date[]                the placeholder's bytes as numbers: [95, 95, 100, …]
 *   int8[]                        the same, as int64
 *   uuid[]                        [the name-based (MD5, version 3) UUID of the placeholder bytes]
 *   hstore                        {"__debezium_unavailable_value":"__debezium_unavailable_value"}
 *
 * Other array types get the plain string (Debezium 3.0 has no array-shaped stand-in for them).
 */

export const UNAVAILABLE_VALUE = '__debezium_unavailable_value';

const PLACEHOLDER_BYTES = Buffer.from(UNAVAILABLE_VALUE, 'utf8');

export type UnavailableShape = 'string' | 'bytes' | 'string-array' | 'bytes-array' | 'int-array' | 'int64-array' | 'uuid-array' | 'hstore';

export function unavailableValue(shape: UnavailableShape): JsonValue {
  switch (shape) {
    case 'string':
      return UNAVAILABLE_VALUE;
    case 'bytes':
      return PLACEHOLDER_BYTES.toString('base64');
    case 'string-array':
      return [UNAVAILABLE_VALUE];
    case 'bytes-array':
      return [PLACEHOLDER_BYTES.toString('base64')];
    case 'int-array':
      return [...PLACEHOLDER_BYTES];
    case 'int64-array':
      return [...PLACEHOLDER_BYTES].map(BigInt);
    case 'uuid-array':
      return [nameBasedUuid(PLACEHOLDER_BYTES)];
    case 'hstore':
      return `{${JSON.stringify(UNAVAILABLE_VALUE)}:${JSON.stringify(UNAVAILABLE_VALUE)}}`;
  }
}

/** java.util.UUID.nameUUIDFromBytes: MD5 of the bytes with the version (3) and variant bits set. */
export function nameBasedUuid(bytes: Uint8Array): string {
  const digest = crypto.createHash('md5').update(bytes).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x30;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
