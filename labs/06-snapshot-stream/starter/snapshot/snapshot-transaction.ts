import type pg from 'pg';
import { todo } from '@cdc-lab/common';

/**
 * Adopt the slot's exported snapshot on an ordinary connection. REPEATABLE READ keeps one
 * snapshot for the whole transaction (READ COMMITTED would take a new one per statement), and
 * SET TRANSACTION SNAPSHOT must be its first statement. From here on every SELECT of this
 * transaction sees the database exactly as of the consistent point, however long the reading
 * takes and whatever commits meanwhile — and takes only ACCESS SHARE locks.
 */
export async function beginSnapshotTransaction(client: pg.Client, snapshotName: string): Promise<void> {
  // TODO: begin a REPEATABLE READ (read-only) transaction and make SET TRANSACTION SNAPSHOT its first statement.
  void client; void snapshotName;
  return todo('reading inside the exported snapshot (SET TRANSACTION SNAPSHOT)', 'docs/06-snapshot-stream.md#the-exported-snapshot');
}
