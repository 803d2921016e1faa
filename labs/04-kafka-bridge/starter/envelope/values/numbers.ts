import { unreadable } from './unreadable.ts';

/*
 * Booleans and numbers. The rule that matters: an int64 stays a bigint all the way to the JSON
 * text, because a double cannot hold 9007199254740993 (2^53 + 1).
 *
 *   boolean             "t"/"f"             → true/false
 *   smallint, integer   "-32768"            → number  (Kafka Connect INT16/INT32)
 *   bigint, oid         "9007199254740993"  → bigint  (INT64, printed with every digit)
 *   real, double        "4.44"              → number; NaN and ±Infinity → "NaN", "Infinity",
 *                                             "-Infinity" (JSON has no such numbers; Jackson,
 *                                             which writes Debezium's JSON, quotes them)
 *   numeric, decimal    "12.50"             → "12.50" (decimal.handling.mode=string: the digits
 *                                             and scale exactly as stored; NaN → "NAN",
 *                                             ±Infinity → "POSITIVE_INFINITY"/"NEGATIVE_INFINITY",
 *                                             the names of Debezium's special-value enum)
 *   money               "$1,234.11"         → "1234.11" (string mode, currency sign and grouping
 *                                             removed)
 */

const INTEGER = /^-?\d+$/;
const FLOAT_SPECIALS: Record<string, string> = { NaN: 'NaN', Infinity: 'Infinity', '-Infinity': '-Infinity' };
const NUMERIC_SPECIALS: Record<string, string> = { NaN: 'NAN', Infinity: 'POSITIVE_INFINITY', '-Infinity': 'NEGATIVE_INFINITY' };

export function booleanValue(text: string): boolean {
  // Debezium compares with "t", ignoring case; anything else is false.
  return text.toLowerCase() === 't';
}

export function int32Value(text: string): number {
  if (!INTEGER.test(text)) throw unreadable('integer', text, 'decimal digits');
  return Number(text);
}

export function int64Value(text: string): bigint {
  if (!INTEGER.test(text)) throw unreadable('bigint', text, 'decimal digits');
  return BigInt(text);
}

export function floatValue(text: string): number | string {
  const special = FLOAT_SPECIALS[text];
  if (special !== undefined) return special;
  const value = Number(text);
  if (Number.isNaN(value)) throw unreadable('floating-point', text, 'a decimal number, NaN or ±Infinity');
  return value;
}

/**
 * Postgres prints a numeric with exactly its scale and never in exponent notation, which is
 * what Debezium's BigDecimal.toPlainString() prints too — so the text passes through.
 */
export function numericValue(text: string): string {
  return NUMERIC_SPECIALS[text] ?? text;
}

/** Debezium drops the sign, the currency symbol and the thousands separators, then keeps the number. */
export function moneyValue(text: string): string {
  const negative = text.startsWith('-') || text.startsWith('(');
  const digits = text.replace(/[^0-9.]/g, '');
  if (digits === '') throw unreadable('money', text, 'an amount such as $1,234.56');
  return negative ? `-${digits}` : digits;
}

/** The scale a numeric(p, s) column's typmod encodes ((p << 16 | s) + 4); null when unconstrained. */
export function numericScale(typmod: number): number | null {
  return typmod >= 4 ? (typmod - 4) & 0xffff : null;
}

/** BigDecimal.ZERO at the column's scale, as Debezium's string mode prints it: "0", "0.00". */
export function numericZero(typmod: number): string {
  const scale = numericScale(typmod) ?? 0;
  return scale === 0 ? '0' : `0.${'0'.repeat(scale)}`;
}

/**
 * A decimal literal (a column default such as 5 or 12.5) as Debezium prints it: new
 * BigDecimal(literal), set to the column's scale when it has one, toPlainString(). Returns
 * undefined where Java would throw (not a plain decimal, or digits lost to the scale).
 */
export function decimalLiteral(literal: string, typmod: number): string | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(literal);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const integer = match[2]!.replace(/^0+(?=\d)/, '') || '0';
  let fraction = match[3] ?? '';
  const scale = numericScale(typmod);
  if (scale !== null) {
    if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) return undefined;
    fraction = fraction.slice(0, scale).padEnd(scale, '0');
  }
  const isZero = /^0*$/.test(integer + fraction);
  const sign = match[1] === '-' && !isZero ? '-' : '';
  return fraction === '' ? `${sign}${integer}` : `${sign}${integer}.${fraction}`;
}
