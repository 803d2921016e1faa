import pg from 'pg';
import { connectionOptions } from '@cdc-lab/04-kafka-bridge/envelope';
import { explainPostgresError } from '@cdc-lab/03-logical-streamer/replication';

/**
 * DATABASE_URL plus the session settings the value converters read (DateStyle, IntervalStyle,
 * bytea_output, extra_float_digits, TimeZone). A snapshot row must print its values exactly as
 * pgoutput prints a streamed row, so both the replication connection and the snapshot
 * connection use them.
 */
export function withValueSettings(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const existing = url.searchParams.get('options');
  url.searchParams.set('options', existing ? `${existing} ${connectionOptions()}` : connectionOptions());
  return url.toString();
}

/** Every value as the text its output function printed: what the lab-4 converters parse. */
export const TEXT_ONLY: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/** An ordinary connection with the value settings; snapshot queries ask for text with TEXT_ONLY. */
export async function openSqlConnection(databaseUrl: string, slot: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: withValueSettings(databaseUrl), application_name: 'cdc-lab-06' });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw explainPostgresError(error, { step: 'connect', slot, user: client.user ?? 'postgres' });
  }
  return client;
}
