import avro from 'avsc';

/** A decoded Avro value or a parsed schema: JSON whose shape each check reads field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Decoded = any;

/*
 * Decoding on the grader's side, with avsc but none of the lab's code: longs as bigint (ts_ns
 * does not fit a double), and no logical types — a decimal comes back as its bytes, which the
 * grader reads itself (decimalText), so that the lab's decimal encoding is checked, not trusted.
 */
const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(value);
    return buffer;
  },
  fromJSON: (value: number) => BigInt(value),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

export function graderType(schema: unknown): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, {
    typeHook: (each) => (each === 'long' || (typeof each === 'object' && each !== null && (each as { type?: unknown }).type === 'long') ? bigintLong : undefined),
  });
}

/** The Confluent wire format, read by hand: magic byte, 4-byte big-endian id, body. */
export function splitFrame(record: Buffer): { magic: number; id: number; body: Buffer } | undefined {
  if (record.length < 5) return undefined;
  return { magic: record[0]!, id: record.readUInt32BE(1), body: record.subarray(5) };
}

/** Decode a body written with `writer`, read as `reader` (the same schema if omitted). */
export function decodeWith(body: Buffer, writer: unknown, reader: unknown = writer): Decoded {
  const writerType = graderType(writer);
  const readerType = reader === writer ? writerType : graderType(reader);
  return reader === writer ? writerType.fromBuffer(body) : readerType.fromBuffer(body, readerType.createResolver(writerType));
}

/** An Avro decimal's bytes (two's complement, big-endian) with its scale, as text: 1250, scale 2 → "12.50". */
export function decimalText(bytes: Buffer, scale: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  value = BigInt.asIntN(8 * bytes.length, value);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''}`;
}
