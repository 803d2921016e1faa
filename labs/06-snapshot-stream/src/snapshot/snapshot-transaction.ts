import type pg from 'pg';
import { quoteLiteral } from '@cdc-lab/03-logical-streamer/replication';

/**
 * Adopt the slot's exported snapshot on an ordinary connection. REPEATABLE READ keeps one
 * snapshot for the whole transaction (READ COMMITTED would take a new one per statement), and
 * SET TRANSACTION SNAPSHOT must be its first statement. From here on every SELECT of this
 * transaction sees the database exactly as of the consistent point, however long the reading
 * takes and whatever commits meanwhile — and takes only ACCESS SHARE locks.
 */
export async function beginSnapshotTransaction(client: pg.Client, snapshotName: string): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(snapshotName)}`);
}
