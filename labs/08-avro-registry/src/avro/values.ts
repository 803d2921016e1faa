import { SchemaError } from '@cdc-lab/common';
import { writeJson, type JsonValue } from '@cdc-lab/04-kafka-bridge/json';
import type { AvroKind } from './column-types.ts';

/*
 * From the value lab 4's envelope holds to the value avsc writes. Lab 4 already parsed
 * Postgres's text into Debezium's JSON forms, so the work left is small and per kind:
 *
 *   lab 4 (JSON)                          Avro
 *   numeric "12.50"                        decimal: the same text (avro/decimal.ts makes the bytes)
 *   date 19783 (days)                      date: the same int
 *   time 45296000000n (µs) or 45296000 (ms, time(0..3))      time-micros: µs as bigint
 *   timestamp µs, or ms for timestamp(0..3)                   local-timestamp-micros: µs
 *   timestamptz "2024-02-29T12:00:00.5Z"  timestamp-micros: µs since 1970 as bigint
 *   bytea as base64                        bytes
 *   real/double "NaN", "Infinity"          float/double NaN, Infinity (Avro has them; JSON has not)
 *   anything unmapped                      its JSON text (the fallback string)
 */
export type AvroValueConverter = (value: JsonValue) => unknown;

export function avroValueConverter(kind: AvroKind, typmod: number): AvroValueConverter {
  // time(0..3) and timestamp(0..3): lab 4 follows Debezium's adaptive precision and gives milliseconds.
  const inMillis = typmod >= 0 && typmod <= 3;
  switch (kind) {
    case 'boolean':
    case 'int':
    case 'date':
    case 'decimal':
    case 'uuid':
    case 'string':
      return (value) => value;
    case 'long':
      return (value) => BigInt(value as number | bigint);
    case 'float':
    case 'double':
      return (value) => (typeof value === 'string' ? Number(value) : value);
    case 'bytes':
      return (value) => Buffer.from(String(value), 'base64');
    case 'time-micros':
    case 'local-timestamp-micros':
      return (value) => (inMillis ? BigInt(value as number | bigint) * 1000n : BigInt(value as number | bigint));
    case 'timestamp-micros':
      return (value) => isoInstantToMicros(String(value));
    case 'fallback-string':
      return (value) => (typeof value === 'string' ? value : writeJson(value));
  }
}

/** Debezium's stand-ins for timestamptz 'infinity' are the strings; Avro needs a number: the extremes of a long. */
const INFINITY_MICROS = 9_223_372_036_854_775_807n;

/** "2024-02-29T12:00:00.123456Z" (lab 4's UTC ISO text) → microseconds since 1970-01-01. */
export function isoInstantToMicros(iso: string): bigint {
  if (iso === 'infinity') return INFINITY_MICROS;
  if (iso === '-infinity') return -INFINITY_MICROS - 1n;
  const match = /^([+-]?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(iso);
  if (!match) throw new SchemaError(`cannot read ${JSON.stringify(iso)} as a UTC instant`);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0–99 into the 1900s.
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  date.setUTCHours(Number(match[4]), Number(match[5]), Number(match[6]), 0);
  return BigInt(date.getTime()) * 1000n + BigInt((match[7] ?? '').padEnd(6, '0').slice(0, 6));
}
