import {
  civilFromDays,
  daysFromCivil,
  floorDiv,
  floorMod,
  formatIsoDate,
  formatIsoTime,
  MICROS_PER_DAY,
  MICROS_PER_SECOND,
  type CivilDate,
} from './calendar.ts';
import { unreadable } from './unreadable.ts';

/*
 * Dates and times, from Postgres's ISO text to what Debezium emits with
 * time.precision.mode=adaptive (its default):
 *
 *   date                      io.debezium.time.Date             int32 days since 1970-01-01
 *   time(0..3)                io.debezium.time.Time             int32 milliseconds past midnight
 *   time(4..6), time          io.debezium.time.MicroTime        int64 microseconds past midnight
 *   timestamp(0..3)           io.debezium.time.Timestamp        int64 milliseconds since the epoch
 *   timestamp(4..6), timestamp io.debezium.time.MicroTimestamp  int64 microseconds since the epoch
 *   timestamptz               io.debezium.time.ZonedTimestamp   string, ISO-8601 in UTC
 *   timetz                    io.debezium.time.ZonedTime        string, ISO-8601 in UTC
 *
 * A timestamp without time zone is read as if it were UTC — it has no zone, and Debezium does
 * the same, so 13:51 stays 13:51 in the number.
 */

const DATE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const OFFSET = String.raw`([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?`;
const TIME_WITH_ZONE = new RegExp(String.raw`^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?${OFFSET}$`);
const TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?( BC)?$/;
const TIMESTAMP_WITH_ZONE = new RegExp(String.raw`^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?${OFFSET}( BC)?$`);

/*
 * 'infinity' and '-infinity'. Debezium maps them to fixed stand-ins (PostgresValueConverter's
 * POSITIVE/NEGATIVE_INFINITY_* constants, from the JDBC driver's PGStatement values):
 * timestamps to ±~292,000 years in microseconds, timestamptz to the strings themselves, and
 * dates to two dates in year -5877611 — whose day numbers, oddly, put +infinity one day
 * *before* -infinity.
 */
export const TIMESTAMP_INFINITY_MICROS = 9_223_372_036_825_200_000n;
export const TIMESTAMP_MINUS_INFINITY_MICROS = -9_223_372_036_832_400_000n;
export const DATE_INFINITY_DAYS = daysFromCivil({ year: -5_877_611, month: 6, day: 21 });
export const DATE_MINUS_INFINITY_DAYS = daysFromCivil({ year: -5_877_611, month: 6, day: 22 });

export function dateToEpochDays(text: string): number {
  if (text === 'infinity') return DATE_INFINITY_DAYS;
  if (text === '-infinity') return DATE_MINUS_INFINITY_DAYS;
  const match = DATE.exec(text);
  if (!match) throw unreadable('date', text, 'YYYY-MM-DD (DateStyle ISO)');
  return daysFromCivil(civil(match[1]!, match[2]!, match[3]!, match[4] !== undefined));
}

/** time, time(4..6): MicroTime. Postgres allows 24:00:00, and so does the arithmetic. */
export function timeToMicros(text: string): bigint {
  const match = TIME.exec(text);
  if (!match) throw unreadable('time', text, 'HH:MM:SS[.ffffff]');
  return clockMicros(match[1]!, match[2]!, match[3]!, match[4]);
}

/** time(0..3): Time, milliseconds in an int32. */
export function timeToMillis(text: string): number {
  return Number(timeToMicros(text) / 1000n);
}

/** timestamp, timestamp(4..6): MicroTimestamp. */
export function timestampToMicros(text: string): bigint {
  if (text === 'infinity') return TIMESTAMP_INFINITY_MICROS;
  if (text === '-infinity') return TIMESTAMP_MINUS_INFINITY_MICROS;
  const match = TIMESTAMP.exec(text);
  if (!match) throw unreadable('timestamp', text, 'YYYY-MM-DD HH:MM:SS[.ffffff][ BC] (DateStyle ISO)');
  const days = daysFromCivil(civil(match[1]!, match[2]!, match[3]!, match[8] !== undefined));
  return BigInt(days) * MICROS_PER_DAY + clockMicros(match[4]!, match[5]!, match[6]!, match[7]);
}

/** timestamp(0..3): Timestamp, milliseconds (java.time rounds toward the past, so floor). */
export function timestampToMillis(text: string): bigint {
  return floorDiv(timestampToMicros(text), 1000n);
}

/**
 * timestamptz: ZonedTimestamp, the instant in UTC as ISO-8601 with the column's precision as
 * a fixed number of fraction digits ("…30.120000Z" for the default 6, "…30.500Z" for (3)). A
 * timestamptz(0) column has no fraction at all.
 */
export function timestamptzToIso(text: string, precision: number): string {
  if (text === 'infinity' || text === '-infinity') return text;
  const match = TIMESTAMP_WITH_ZONE.exec(text);
  if (!match) throw unreadable('timestamptz', text, 'YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]][ BC] (DateStyle ISO)');
  const days = daysFromCivil(civil(match[1]!, match[2]!, match[3]!, match[12] !== undefined));
  const local = BigInt(days) * MICROS_PER_DAY + clockMicros(match[4]!, match[5]!, match[6]!, match[7]);
  const utc = local - offsetMicros(match[8]!, match[9]!, match[10], match[11]);
  const date = civilFromDays(Number(floorDiv(utc, MICROS_PER_DAY)));
  const fraction = precision >= 1 && precision <= 9 ? precision : 'trimmed';
  return `${formatIsoDate(date)}T${formatIsoTime(floorMod(utc, MICROS_PER_DAY), fraction)}Z`;
}

/**
 * timetz: ZonedTime, the time of day moved to UTC ("13:51:30.1+02" → "11:51:30.1Z"), wrapping
 * around midnight, with only the fraction digits needed (java.time's ISO_OFFSET_TIME).
 */
export function timetzToIso(text: string): string {
  const match = TIME_WITH_ZONE.exec(text);
  if (!match) throw unreadable('timetz', text, 'HH:MM:SS[.ffffff]±HH[:MM]');
  const local = clockMicros(match[1]!, match[2]!, match[3]!, match[4]);
  const utc = floorMod(local - offsetMicros(match[5]!, match[6]!, match[7], match[8]), MICROS_PER_DAY);
  return `${formatIsoTime(utc, 'trimmed')}Z`;
}

function civil(year: string, month: string, day: string, beforeChrist: boolean): CivilDate {
  // Postgres has no year 0: 1 BC is proleptic year 0, 44 BC is -43.
  const y = Number(year);
  return { year: beforeChrist ? 1 - y : y, month: Number(month), day: Number(day) };
}

function clockMicros(hours: string, minutes: string, seconds: string, fraction: string | undefined): bigint {
  const wholeSeconds = (Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds);
  return BigInt(wholeSeconds) * MICROS_PER_SECOND + BigInt((fraction ?? '').padEnd(6, '0'));
}

function offsetMicros(sign: string, hours: string, minutes: string | undefined, seconds: string | undefined): bigint {
  const total = (Number(hours) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds ?? 0);
  return BigInt(sign === '-' ? -total : total) * MICROS_PER_SECOND;
}
