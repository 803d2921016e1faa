import { unreadable } from './unreadable.ts';

/*
 * interval → io.debezium.time.MicroDuration (interval.handling.mode=numeric, the default): one
 * int64 of microseconds. Months and years have no fixed length, so Debezium counts a month as
 * 365.25 / 12 = 30.4375 days, and does the sum in double precision:
 *
 *   days    = (years * 12 + months) * 30.4375 + days
 *   seconds = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
 *   micros  = (long) (seconds * 1e6)
 *
 * The same operations in the same order on the same doubles give the same result here.
 * Seconds pass through the JDBC driver's PGInterval first, which splits them into whole
 * seconds and rounded microseconds and adds them back together — reproduced too.
 *
 * Text format (IntervalStyle postgres): "1 year 2 mons 3 days 04:05:06.78", "-1 days +02:00:00",
 * "00:00:00.5", "-00:00:01".
 */

const DAYS_PER_MONTH_AVG = 365.25 / 12;
const UNIT = /^(-?\d+) (years?|mons?|days?)$/;
const CLOCK = /^([+-]?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/;

export function intervalToMicros(text: string): bigint {
  let years = 0;
  let months = 0;
  let days = 0;
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  const tokens = text.split(' ');
  for (let index = 0; index < tokens.length; index += 1) {
    const clock = CLOCK.exec(tokens[index]!);
    if (clock) {
      const sign = clock[1] === '-' ? -1 : 1;
      hours = sign * Number(clock[2]);
      minutes = sign * Number(clock[3]);
      seconds = sign * Number(clock[4]);
      continue;
    }
    const unit = UNIT.exec(`${tokens[index]} ${tokens[index + 1] ?? ''}`);
    if (!unit) throw unreadable('interval', text, "'1 year 2 mons 3 days 04:05:06.78' (IntervalStyle postgres)");
    const amount = Number(unit[1]);
    if (unit[2]!.startsWith('year')) years = amount;
    else if (unit[2]!.startsWith('mon')) months = amount;
    else days = amount;
    index += 1;
  }
  seconds = throughPgInterval(seconds);
  const totalDays = (years * 12 + months) * DAYS_PER_MONTH_AVG + days;
  const totalSeconds = ((totalDays * 24 + hours) * 60 + minutes) * 60 + seconds;
  return BigInt(Math.trunc(totalSeconds * 1e6));
}

/** PGInterval.setSeconds then getSeconds: whole seconds plus rounded microseconds, as a double. */
function throughPgInterval(seconds: number): number {
  const whole = Math.trunc(seconds);
  // Java's Math.round and JavaScript's agree: halves go toward positive infinity.
  const micros = Math.round((seconds - whole) * 1_000_000);
  return whole + micros / 1_000_000;
}
