import pg from 'pg';
import { explainPostgresError, type ErrorContext } from './replication/index.ts';

/** An ordinary (non-replication) connection for the status and drop commands. */
export async function withConnection<T>(connectionString: string, slot: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => {});
  const context: ErrorContext = { step: 'connect', slot, user: client.user ?? 'postgres' };
  try {
    await client.connect();
  } catch (error) {
    throw explainPostgresError(error, context);
  }
  try {
    return await work(client);
  } catch (error) {
    throw explainPostgresError(error, { ...context, step: 'query' });
  } finally {
    await client.end().catch(() => {});
  }
}
