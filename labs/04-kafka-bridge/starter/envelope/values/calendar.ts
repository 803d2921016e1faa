/**
 * Calendar arithmetic for the temporal converters, in the proleptic Gregorian calendar that
 * both Postgres and java.time use (1 BC is year 0, 2 BC is year -1). JavaScript's Date covers
 * only ±273,790 years and milliseconds; Postgres timestamps reach year 294276 with
 * microseconds, so days are computed here and microseconds kept as bigint.
 */

export interface CivilDate {
  /** Proleptic ISO year: 0 is 1 BC. */
  year: number;
  month: number;
  day: number;
}

export const MICROS_PER_SECOND = 1_000_000n;
export const MICROS_PER_DAY = 86_400_000_000n;

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date `days` after 1970-01-01 (civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * yyyy-MM-dd the way java.time's ISO_LOCAL_DATE prints it: at least four year digits, a '+'
 * before years above 9999, a '-' before negative (BC) years.
 */
export function formatIsoDate({ year, month, day }: CivilDate): string {
  const digits = String(Math.abs(year)).padStart(4, '0');
  const sign = year < 0 ? '-' : year > 9999 ? '+' : '';
  return `${sign}${digits}-${two(month)}-${two(day)}`;
}

/**
 * HH:mm:ss and the fraction of a time of day. `fractionDigits` 'trimmed' prints what
 * ISO_LOCAL_TIME prints — the digits needed, none for a whole second; a number prints exactly
 * that many digits, as Debezium's ZonedTimestamp formatter does for a column of that precision.
 */
export function formatIsoTime(microsOfDay: bigint, fractionDigits: number | 'trimmed'): string {
  const seconds = Number(microsOfDay / MICROS_PER_SECOND);
  const micros = Number(microsOfDay % MICROS_PER_SECOND);
  const clock = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  const six = String(micros).padStart(6, '0');
  if (fractionDigits === 'trimmed') {
    const trimmed = six.replace(/0+$/, '');
    return trimmed === '' ? clock : `${clock}.${trimmed}`;
  }
  return `${clock}.${six.padEnd(fractionDigits, '0').slice(0, fractionDigits)}`;
}

/** Floor division for bigints (JavaScript's `/` truncates toward zero). */
export function floorDiv(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor !== 0n && (value < 0n) !== (divisor < 0n) ? quotient - 1n : quotient;
}

export function floorMod(value: bigint, divisor: bigint): bigint {
  return value - floorDiv(value, divisor) * divisor;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
