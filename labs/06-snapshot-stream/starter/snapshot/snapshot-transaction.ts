import type pg from 'pg';
import { todo } from '@cdc-lab/common';
// What you will need: quoteLiteral quotes the snapshot's name as an SQL string.
import { quoteLiteral } from '@cdc-lab/03-logical-streamer/replication';

/**
 * Adopt the slot's exported snapshot on an ordinary connection. REPEATABLE READ keeps one
 * snapshot for the whole transaction (READ COMMITTED would take a new one per statement), and
 * SET TRANSACTION SNAPSHOT must be its first statement. From here on every SELECT of this
 * transaction sees the database exactly as of the consistent point, however long the reading
 * takes and whatever commits meanwhile — and takes only ACCESS SHARE locks.
 */
export async function beginSnapshotTransaction(client: pg.Client, snapshotName: string): Promise<void> {
  // TODO: make every SELECT of this connection's transaction see the database as the exported
  //   snapshot does. Which isolation level keeps one snapshot for the whole transaction, and
  //   what must the transaction's first statement be? What would READ COMMITTED read instead?
  void client; void snapshotName;
  return todo('reading inside the exported snapshot (SET TRANSACTION SNAPSHOT)', 'docs/06-snapshot-stream.md#the-exported-snapshot');
}
