/**
 * Replication messages carry times as microseconds since 2000-01-01 00:00 UTC, Postgres's own
 * epoch, not Unix's 1970. Getting this wrong does not break the stream, but it makes
 * pg_stat_replication's reply_time and the lag columns nonsense, so it is worth one module.
 */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

export function toPostgresMicros(date: Date): bigint {
  return BigInt(date.getTime() - POSTGRES_EPOCH_MS) * 1000n;
}

export function fromPostgresMicros(micros: bigint): Date {
  return new Date(Number(micros / 1000n) + POSTGRES_EPOCH_MS);
}
