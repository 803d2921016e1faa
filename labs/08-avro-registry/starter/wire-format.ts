import { todo } from '@cdc-lab/common';

/*
 * The Confluent wire format: every key and value starts with five bytes, then the Avro body.
 *
 *   byte 0      magic byte, always 0 (the format's version)
 *   bytes 1–4   the schema id the registry assigned, a 32-bit big-endian integer
 *   bytes 5…    the value in Avro binary encoding, written with that schema
 */
export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

/** The five-byte header, then the Avro body. */
export function frame(schemaId: number, body: Buffer): Buffer {
  // TODO: Buffer.alloc(HEADER_LENGTH), the magic byte at 0, the id at 1 (big-endian: writeUInt32BE),
  //   then Buffer.concat with the body.
  return todo('framing a record in the wire format', 'docs/08-avro-registry.md#the-wire-format');
}

/** The schema id and the Avro body of a record written in the wire format. */
export function unframe(record: Buffer): { schemaId: number; body: Buffer } {
  // TODO: refuse (a SchemaError from @cdc-lab/common) a record shorter than the header or whose
  //   first byte is not MAGIC_BYTE; else the id is readUInt32BE(1) and the body everything after.
  return todo('reading the wire format', 'docs/08-avro-registry.md#the-wire-format');
}
