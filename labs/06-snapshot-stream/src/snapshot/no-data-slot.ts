import { Lsn } from '@cdc-lab/common';
import { quoteIdentifier, ReplicationConnection, snapshotOption } from '@cdc-lab/03-logical-streamer/replication';
import { withValueSettings } from '../connections.ts';

/** snapshot.mode no_data: a slot without a snapshot; existing rows come later, by incremental snapshot if asked. */
export async function createSlotWithoutData(databaseUrl: string, slot: string): Promise<Lsn> {
  const connection = await ReplicationConnection.open(withValueSettings(databaseUrl), slot);
  try {
    const [row] = await connection.query<{ consistent_point: string }>(`CREATE_REPLICATION_SLOT ${quoteIdentifier(slot)} LOGICAL "pgoutput" ${await snapshotOption(connection, 'nothing')}`, 'create-slot');
    return Lsn.parse(row!.consistent_point);
  } finally {
    await connection.close().catch(() => {});
  }
}
