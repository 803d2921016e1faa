import { ReplicationError } from '@cdc-lab/common';

/**
 * Reads one pgoutput message front to back. Every read is named after what the protocol
 * documentation calls the field (Int8, Int16, Int32, Int64, String, Byte(n)), integers are
 * big-endian, and running past the end is a typed error rather than `undefined` or garbage —
 * a truncated message means the stream is not what we think it is.
 */
export class BufferReader {
  private readonly buffer: Buffer;
  private position = 0;

  /** `what` names the message in errors ("Relation message"). */
  constructor(bytes: Uint8Array, private readonly what: string) {
    // A view, not a copy: the decoder only reads, and strings it returns are copies anyway.
    this.buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.buffer.length - this.position;
  }

  int8(): number {
    this.need(1);
    const value = this.buffer.readInt8(this.position);
    this.position += 1;
    return value;
  }

  /** A Byte1 that carries an ASCII letter: message tags, tuple kinds, replica identity. */
  char(): string {
    this.need(1);
    const value = String.fromCharCode(this.buffer[this.position]!);
    this.position += 1;
    return value;
  }

  int16(): number {
    this.need(2);
    const value = this.buffer.readInt16BE(this.position);
    this.position += 2;
    return value;
  }

  int32(): number {
    this.need(4);
    const value = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return value;
  }

  /** Object ids and transaction ids are unsigned 32-bit: above 2^31 they must not turn negative. */
  uint32(): number {
    this.need(4);
    const value = this.buffer.readUInt32BE(this.position);
    this.position += 4;
    return value;
  }

  /** Timestamps: signed microseconds. */
  int64(): bigint {
    this.need(8);
    const value = this.buffer.readBigInt64BE(this.position);
    this.position += 8;
    return value;
  }

  /** LSNs: unsigned 64-bit positions. */
  uint64(): bigint {
    this.need(8);
    const value = this.buffer.readBigUInt64BE(this.position);
    this.position += 8;
    return value;
  }

  /** A NUL-terminated UTF-8 string (names of schemas, tables, columns, types, origins). */
  cstring(): string {
    const end = this.buffer.indexOf(0, this.position);
    if (end < 0) throw this.malformed(`a string that is not NUL-terminated at byte ${this.position}`);
    const value = this.buffer.toString('utf8', this.position, end);
    this.position = end + 1;
    return value;
  }

  /** `length` bytes as UTF-8 text: column values in text format. */
  text(length: number): string {
    this.need(length);
    const value = this.buffer.toString('utf8', this.position, this.position + length);
    this.position += length;
    return value;
  }

  /** `length` raw bytes, copied: callers may keep them after the stream's buffer is reused. */
  bytes(length: number): Buffer {
    this.need(length);
    const value = Buffer.from(this.buffer.subarray(this.position, this.position + length));
    this.position += length;
    return value;
  }

  /** Bytes left over mean we mis-read a field: say so instead of silently ignoring them. */
  expectEnd(): void {
    if (this.remaining !== 0) throw this.malformed(`${this.remaining} unexpected byte(s) after the last field`);
  }

  malformed(problem: string): ReplicationError {
    return new ReplicationError(`malformed pgoutput ${this.what}: ${problem}`, {
      hint: 'the decoder reads pgoutput protocol version 1 in text format; check that the slot uses the pgoutput plugin and that START_REPLICATION passes proto_version \'1\' and no binary or streaming option',
    });
  }

  private need(bytes: number): void {
    if (bytes < 0 || this.position + bytes > this.buffer.length) {
      throw this.malformed(`needs ${bytes} more byte(s) at byte ${this.position}, but the message has ${this.buffer.length}`);
    }
  }
}
