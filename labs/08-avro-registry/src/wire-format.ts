import { SchemaError } from '@cdc-lab/common';

/*
 * The Confluent wire format: how a record names the schema it was written with. Every key and
 * value the registry serializers write — Confluent's, Apicurio's in compatibility mode, ours —
 * starts with five bytes, then the Avro binary body:
 *
 *   byte 0      magic byte, always 0 (the format's version)
 *   bytes 1–4   the schema id the registry assigned, a 32-bit big-endian integer
 *   bytes 5…    the value in Avro binary encoding, written with that schema
 *
 * The body alone cannot be read: Avro binary has no field names, no type tags, no lengths of
 * records — only values, in the schema's order. A reader needs the writer's schema, and the
 * id is how it finds it: GET /schemas/ids/<id>, once per id, cached for ever (an id never
 * changes its schema).
 */
export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

/** The five-byte header, then the Avro body. */
export function frame(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/** The schema id and the Avro body of a record written in the wire format. */
export function unframe(record: Buffer): { schemaId: number; body: Buffer } {
  if (record.length < HEADER_LENGTH || record.readUInt8(0) !== MAGIC_BYTE) {
    throw new SchemaError(`not a schema-registry record: it starts with ${record.subarray(0, HEADER_LENGTH).toString('hex') || 'nothing'}, not the magic byte 00 and a schema id`, {
      hint: 'was it written by lab 4 (JSON)? tail the topics of this lab\'s bridge, or check CDC_TOPIC_PREFIX',
    });
  }
  return { schemaId: record.readUInt32BE(1), body: record.subarray(HEADER_LENGTH) };
}
