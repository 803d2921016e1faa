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
  // TODO: put the five-byte header in front of the Avro body, as the table above lays it out.
  //   Every registry-aware reader takes bytes 1–4 as one number in one byte order: which? And
  //   what does a reader do with an id written the other way round?
  return todo('framing a record in the wire format', 'docs/08-avro-registry.md#the-wire-format');
}

/** The schema id and the Avro body of a record written in the wire format. */
export function unframe(record: Buffer): { schemaId: number; body: Buffer } {
  // TODO: undo frame(). Which records are not in this format at all (think of lab 4's JSON on a
  //   topic), and how do you tell before reading an id out of them? Refuse those with a
  //   SchemaError (@cdc-lab/common) that says what the record starts with and where it may have
  //   come from. What is left once the header is read, and does it need a copy?
  return todo('reading the wire format', 'docs/08-avro-registry.md#the-wire-format');
}
