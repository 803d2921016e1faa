import { Lsn } from '@cdc-lab/common';
import { quoteIdentifier, ReplicationConnection, snapshotOption } from '@cdc-lab/03-logical-streamer/replication';
import { withValueSettings } from '../connections.ts';

/**
 * A new slot and, at the same instant, a snapshot of the data that matches it exactly.
 *
 * CREATE_REPLICATION_SLOT … (SNAPSHOT 'export') answers with the slot's consistent point — the
 * first LSN whose commits the slot will decode — and the name of a snapshot that sees exactly
 * the transactions committed before it. Rows in that snapshot plus changes from that point on
 * are the whole history, each change once.
 *
 * The snapshot lives only as long as this replication connection stays open and runs nothing
 * else: keep `connection` open until SET TRANSACTION SNAPSHOT has imported it, then close it.
 */
export interface ExportedSlot {
  connection: ReplicationConnection;
  consistentPoint: Lsn;
  snapshotName: string;
}

export async function createSlotWithExportedSnapshot(databaseUrl: string, slot: string): Promise<ExportedSlot> {
  const connection = await ReplicationConnection.open(withValueSettings(databaseUrl), slot);
  try {
    const [row] = await connection.query<{ consistent_point: string; snapshot_name: string }>(
      `CREATE_REPLICATION_SLOT ${quoteIdentifier(slot)} LOGICAL "pgoutput" ${await snapshotOption(connection, 'export')}`,
      'create-slot',
    );
    return { connection, consistentPoint: Lsn.parse(row!.consistent_point), snapshotName: row!.snapshot_name };
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }
}
