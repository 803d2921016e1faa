import { describe, expect, it } from 'vitest';
import { ReplicationError } from '@cdc-lab/common';
import { civilFromDays, daysFromCivil, formatIsoDate } from '../src/envelope/values/calendar.ts';
import { intervalToMicros } from '../src/envelope/values/interval.ts';
import {
  dateToEpochDays,
  DATE_INFINITY_DAYS,
  timestamptzToIso,
  timestampToMicros,
  timestampToMillis,
  timetzToIso,
  timeToMicros,
  timeToMillis,
} from '../src/envelope/values/temporal.ts';

// Where a vector says "Debezium's test", the input and the expected value are those of
// AbstractRecordsProducerTest.schemaAndValuesForDateTimeTypes in debezium-connector-postgres
// 3.0.8, written in the text form pgoutput delivers.

describe('the calendar', () => {
  it('counts days from 1970-01-01 in the proleptic Gregorian calendar, both ways', () => {
    expect(daysFromCivil({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(daysFromCivil({ year: 2016, month: 11, day: 4 })).toBe(17109);
    expect(daysFromCivil({ year: 2024, month: 2, day: 29 })).toBe(19782);
    for (const days of [-1_000_000, -719_529, -1, 0, 59, 17109, 2_932_896]) expect(daysFromCivil(civilFromDays(days))).toBe(days);
  });

  it('prints years as java.time does: four digits, + above 9999, - before year 1', () => {
    expect(formatIsoDate({ year: 44, month: 3, day: 15 })).toBe('0044-03-15');
    expect(formatIsoDate({ year: 21016, month: 11, day: 4 })).toBe('+21016-11-04');
    expect(formatIsoDate({ year: -43, month: 3, day: 15 })).toBe('-0043-03-15');
  });
});

describe('date → io.debezium.time.Date (days)', () => {
  it('counts days since the epoch, BC dates included', () => {
    expect(dateToEpochDays('2016-11-04')).toBe(17109); // Debezium's test
    expect(dateToEpochDays('1969-12-31')).toBe(-1);
    expect(dateToEpochDays('0001-01-01 BC')).toBe(daysFromCivil({ year: 0, month: 1, day: 1 }));
  });

  it("maps ±infinity to Debezium's stand-in dates in year -5877611", () => {
    expect(dateToEpochDays('infinity')).toBe(DATE_INFINITY_DAYS);
    expect(DATE_INFINITY_DAYS).toBe(-2147472692);
    expect(dateToEpochDays('-infinity')).toBe(-2147472691);
  });

  it('names DateStyle when the text is not ISO', () => {
    expect(() => dateToEpochDays('02/29/2024')).toThrow(ReplicationError);
    expect(() => dateToEpochDays('02/29/2024')).toThrow(/DateStyle/);
  });
});

describe('time → Time (ms, precision ≤ 3) or MicroTime (µs)', () => {
  it('counts microseconds past midnight, 24:00:00 included', () => {
    expect(timeToMicros('13:51:30')).toBe(49_890_000_000n); // Debezium's test
    expect(timeToMicros('24:00:00')).toBe(86_400_000_000n); // Debezium's test
    expect(timeToMicros('00:00:00.000001')).toBe(1n);
  });

  it('counts milliseconds in an int32 for time(0..3)', () => {
    expect(timeToMillis('13:51:30.123')).toBe(49_890_123); // Debezium's test
  });
});

describe('timestamp → Timestamp (ms) or MicroTimestamp (µs)', () => {
  it('reads the wall-clock time as UTC', () => {
    expect(timestampToMicros('2016-11-04 13:51:30.123456')).toBe(1_478_267_490_123_456n); // Debezium's test
    expect(timestampToMicros('1936-10-25 22:10:12.608')).toBe(-1_047_174_587_392_000n); // Debezium's test; Postgres's extract(epoch) agrees
    expect(timestampToMillis('2016-11-04 13:51:30.123')).toBe(1_478_267_490_123n);
  });

  it('handles years past 9999 and before Christ', () => {
    expect(timestampToMicros('21016-11-04 13:51:30.123456')).toBe(601_060_312_290_123_456n); // Debezium's test
    expect(timestampToMicros('0044-03-15 12:00:00 BC')).toBe(-63_517_780_800_000_000n); // Postgres's extract(epoch) agrees
  });

  it('rounds milliseconds toward the past, like Instant.toEpochMilli', () => {
    expect(timestampToMillis('1969-12-31 23:59:59.9995')).toBe(-1n);
  });

  it("maps ±infinity to the JDBC driver's stand-ins", () => {
    expect(timestampToMicros('infinity')).toBe(9_223_372_036_825_200_000n); // Debezium's test
    expect(timestampToMicros('-infinity')).toBe(-9_223_372_036_832_400_000n); // Debezium's test
  });
});

describe('timestamptz → ZonedTimestamp', () => {
  it('moves the instant to UTC and prints the column precision as fixed fraction digits', () => {
    expect(timestamptzToIso('2016-11-04 13:51:30.123456+02', 6)).toBe('2016-11-04T11:51:30.123456Z'); // Debezium's test
    expect(timestamptzToIso('21016-11-04 13:51:30+07', 6)).toBe('+21016-11-04T06:51:30.000000Z'); // Debezium's test
    expect(timestamptzToIso('2024-02-29 19:21:30.5+05:30', 3)).toBe('2024-02-29T13:51:30.500Z');
    expect(timestamptzToIso('2024-02-29 13:51:30.12+00', 6)).toBe('2024-02-29T13:51:30.120000Z');
  });

  it('prints no fraction for timestamptz(0)', () => {
    expect(timestamptzToIso('2024-02-29 13:51:30+00', 0)).toBe('2024-02-29T13:51:30Z');
  });

  it('crosses midnight and the year boundary when moving to UTC, and reads offsets with seconds', () => {
    expect(timestamptzToIso('2024-01-01 01:00:00-02', 6)).toBe('2024-01-01T03:00:00.000000Z');
    expect(timestamptzToIso('2024-01-01 01:00:00+05:30', 6)).toBe('2023-12-31T19:30:00.000000Z');
    expect(timestamptzToIso('1900-01-01 00:00:00+00:09:21', 6)).toBe('1899-12-31T23:50:39.000000Z');
  });

  it('passes ±infinity through as text', () => {
    expect(timestamptzToIso('infinity', 6)).toBe('infinity');
    expect(timestamptzToIso('-infinity', 6)).toBe('-infinity');
  });
});

describe('timetz → ZonedTime', () => {
  it('moves the time to UTC and prints only the fraction digits needed', () => {
    expect(timetzToIso('13:51:30.123789+02')).toBe('11:51:30.123789Z'); // Debezium's test
    expect(timetzToIso('13:51:30.123+02')).toBe('11:51:30.123Z'); // Debezium's test
    expect(timetzToIso('13:51:30.1+02')).toBe('11:51:30.1Z');
    expect(timetzToIso('12:51:03+00')).toBe('12:51:03Z');
  });

  it('wraps around midnight', () => {
    expect(timetzToIso('01:00:00+05:30')).toBe('19:30:00Z');
    expect(timetzToIso('23:00:00-02')).toBe('01:00:00Z');
  });
});

describe('interval → MicroDuration', () => {
  it('counts a month as 30.4375 days, in double arithmetic like Debezium', () => {
    // Debezium's test: P1Y2M3DT4H5M6.78S
    expect(intervalToMicros('1 year 2 mons 3 days 04:05:06.78')).toBe(37_091_106_780_000n);
    expect(intervalToMicros('00:00:00.5')).toBe(500_000n);
    expect(intervalToMicros('-1 days +02:00:00')).toBe(-79_200_000_000n);
    expect(intervalToMicros('-00:00:01')).toBe(-1_000_000n);
    expect(intervalToMicros('3 mons')).toBe(7_889_400_000_000n);
  });

  it('names IntervalStyle when the text is ISO 8601', () => {
    expect(() => intervalToMicros('P1Y2M')).toThrow(/IntervalStyle/);
  });
});
