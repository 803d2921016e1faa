/**
 * A Log Sequence Number: a byte position in Postgres's write-ahead log.
 *
 * Postgres prints it as two hexadecimal halves, `XXXXXXXX/YYYYYYYY` (high and low 32 bits of a
 * 64-bit offset). Comparing the strings is wrong ("0/A0" > "0/1000" as text), so every lab
 * handles LSNs as this value type and only formats them at the edges.
 */
export class Lsn {
  static readonly ZERO = new Lsn(0n);
  private static readonly MAX = (1n << 64n) - 1n;

  private constructor(readonly value: bigint) {}

  static parse(text: string): Lsn {
    const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
    if (!match) throw new RangeError(`not an LSN: ${JSON.stringify(text)} (expected the form 16/B374D848)`);
    return new Lsn((BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`));
  }

  static fromBigInt(value: bigint): Lsn {
    if (value < 0n || value > Lsn.MAX) throw new RangeError(`LSN out of range: ${value}`);
    return new Lsn(value);
  }

  compare(other: Lsn): -1 | 0 | 1 {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  equals(other: Lsn): boolean {
    return this.value === other.value;
  }

  isAfter(other: Lsn): boolean {
    return this.value > other.value;
  }

  isBefore(other: Lsn): boolean {
    return this.value < other.value;
  }

  /** Bytes of WAL between two positions, as `pg_wal_lsn_diff` computes it. */
  bytesSince(earlier: Lsn): bigint {
    return this.value - earlier.value;
  }

  plus(bytes: bigint | number): Lsn {
    return Lsn.fromBigInt(this.value + BigInt(bytes));
  }

  static max(a: Lsn, b: Lsn): Lsn {
    return a.isAfter(b) ? a : b;
  }

  toString(): string {
    const high = (this.value >> 32n).toString(16).toUpperCase();
    const low = (this.value & 0xffffffffn).toString(16).toUpperCase();
    return `${high}/${low}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
