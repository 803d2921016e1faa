import avro from 'avsc';
import { SchemaError } from '@cdc-lab/common';

/*
 * Avro's decimal logical type: the unscaled integer in two's complement, big-endian, in the
 * bytes of the field; precision and scale live in the schema, not in the data. 12.50 in a
 * numeric(8,2) is the unscaled 1250, written as the two bytes 0x04 0xE2.
 *
 * avsc knows the annotation but leaves the conversion to the application: this class is the
 * conversion, in avsc's documented LogicalType shape. In JavaScript the value is the decimal
 * text Postgres printed ("12.50"), which keeps every digit — a number would not.
 */
export class DecimalType extends avro.types.LogicalType {
  private readonly scale: number;
  private readonly precision: number;

  constructor(schema: avro.Schema, options?: avro.ForSchemaOptions) {
    super(schema, options);
    const { precision, scale = 0 } = schema as { precision?: number; scale?: number };
    if (!Number.isInteger(precision) || precision! < 1 || !Number.isInteger(scale) || scale < 0 || scale > precision!) {
      throw new Error(`invalid decimal precision/scale: ${String(precision)}/${scale}`);
    }
    this.precision = precision!;
    this.scale = scale;
  }

  /** Bytes → "12.50". */
  override _fromValue(bytes: Buffer): string {
    const digits = fromTwosComplement(bytes).toString();
    const negative = digits.startsWith('-');
    const magnitude = (negative ? digits.slice(1) : digits).padStart(this.scale + 1, '0');
    const whole = magnitude.slice(0, magnitude.length - this.scale);
    const fraction = magnitude.slice(magnitude.length - this.scale);
    return `${negative ? '-' : ''}${whole}${this.scale > 0 ? `.${fraction}` : ''}`;
  }

  /** "12.5" → bytes of 1250 (scale 2). More fraction digits than the scale are refused, not rounded. */
  override _toValue(text: unknown): Buffer {
    if (typeof text !== 'string') throw new SchemaError(`a decimal value must be decimal text, not ${typeof text}`);
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
    if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
      throw new SchemaError(`${JSON.stringify(text)} cannot be an Avro decimal`, {
        hint: 'Avro decimals hold digits only: a numeric NaN or Infinity has no Avro form (Debezium fails the same way in precise mode)',
      });
    }
    const fraction = (match[3] ?? '').replace(/0+$/, '');
    if (fraction.length > this.scale) throw new SchemaError(`${text} has more than ${this.scale} fraction digits`);
    const unscaled = BigInt(`${match[1]}${match[2] || '0'}${fraction.padEnd(this.scale, '0')}`);
    if ((unscaled < 0n ? -unscaled : unscaled).toString().length > this.precision) {
      throw new SchemaError(`${text} has more than ${this.precision} digits`);
    }
    return toTwosComplement(unscaled);
  }

  override _resolve(type: avro.Type): ((value: unknown) => unknown) | undefined {
    if (avro.Type.isType(type, 'logical:decimal')) {
      const other = type as unknown as DecimalType;
      if (other.scale === this.scale && other.precision <= this.precision) return (value) => value;
    }
    return undefined;
  }
}

/** The fewest bytes that hold the value in two's complement, big-endian. */
export function toTwosComplement(value: bigint): Buffer {
  let length = 1;
  while (value < -(1n << BigInt(8 * length - 1)) || value >= 1n << BigInt(8 * length - 1)) length += 1;
  const bytes = Buffer.alloc(length);
  let rest = BigInt.asUintN(8 * length, value);
  for (let index = length - 1; index >= 0; index -= 1) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

export function fromTwosComplement(bytes: Buffer): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return BigInt.asIntN(8 * bytes.length, value);
}
