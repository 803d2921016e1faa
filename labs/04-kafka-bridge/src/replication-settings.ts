import type pg from 'pg';
import { connectionOptions } from './envelope/index.ts';

/**
 * The replication connection's URL: DATABASE_URL plus the session settings the value
 * converters rely on (DateStyle, IntervalStyle, bytea_output, extra_float_digits, TimeZone —
 * see envelope/values/output-settings.ts). pgoutput prints values with the walsender's
 * settings, and libpq's `options` parameter is how a client sets them at connection time;
 * node-postgres passes it on in the startup message. Options already in the URL (say
 * `-c wal_sender_timeout=2s`) are kept; ours come after them and win for the same setting.
 */
export function replicationUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const existing = url.searchParams.get('options');
  url.searchParams.set('options', existing ? `${existing} ${connectionOptions()}` : connectionOptions());
  return url.toString();
}

const DEFAULT_STATUS_INTERVAL_MS = 10_000;
const MIN_STATUS_INTERVAL_MS = 100;

/**
 * How often to send a status update unasked. While Kafka is slow the bridge stops reading the
 * replication socket (that is how it pushes back on Postgres), so the walsender's keepalive
 * requests sit unread in the socket — and the walsender hangs up if it hears nothing for
 * wal_sender_timeout. Only the timer's updates reach it then: they must come well within the
 * timeout. A quarter of it leaves room for a late timer; never more than 10 s, never less
 * than 100 ms.
 */
export async function statusIntervalFor(client: pg.ClientBase): Promise<number> {
  const result = await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'wal_sender_timeout'");
  const timeoutMs = Number(result.rows[0]?.setting ?? 0);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return DEFAULT_STATUS_INTERVAL_MS;
  return Math.max(MIN_STATUS_INTERVAL_MS, Math.min(DEFAULT_STATUS_INTERVAL_MS, Math.floor(timeoutMs / 4)));
}
