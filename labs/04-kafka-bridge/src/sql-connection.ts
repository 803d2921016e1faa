import pg from 'pg';
import { explainPostgresError } from '@cdc-lab/03-logical-streamer/replication';

/**
 * An ordinary connection beside the replication one, for what the stream does not say: the
 * publication, the catalog (keys, user types, defaults) and the server's settings.
 */
export async function openSqlConnection(connectionString: string, slot: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw explainPostgresError(error, { step: 'connect', slot, user: client.user ?? 'postgres' });
  }
  return client;
}
