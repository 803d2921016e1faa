import avro from 'avsc';
import { DecimalType } from './decimal.ts';

/*
 * How avsc turns a schema into a Type, for every schema this lab reads or writes — ours, and
 * whatever the registry hands back by id.
 *
 * Avro's long is 64 bits; a JavaScript number holds 53. avsc's default long refuses values
 * beyond that, and a change event is full of them: ts_ns (nanoseconds since 1970, about 1.8e18),
 * LSNs, bigint columns. So longs are bigint here, with avsc's documented `LongType.__with`.
 */
const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(value);
    return buffer;
  },
  fromJSON: (value: number | string | bigint) => BigInt(value),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

/** Options for avro.Type.forSchema: bigint longs, and the decimal logical type. */
export function avscOptions(): Partial<avro.ForSchemaOptions> {
  // No shared `registry`: avsc adds every named type to it, and two versions of one schema
  // reuse the same record names. Without one, each forSchema call starts afresh.
  return {
    logicalTypes: { decimal: DecimalType },
    typeHook: (schema) => (isLong(schema) ? bigintLong : undefined),
  };
}

/** 'long', or { type: 'long' } with or without a logical type (timestamp-micros is a long too). */
function isLong(schema: avro.Schema): boolean {
  if (schema === 'long') return true;
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) && (schema as { type?: unknown }).type === 'long';
}

/** An avsc Type for a schema, with this lab's options. */
export function avroType(schema: avro.Schema): avro.Type {
  return avro.Type.forSchema(schema, avscOptions());
}
