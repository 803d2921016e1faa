import { todo, type Lsn } from '@cdc-lab/common';
import type { ReplicationConnection } from '@cdc-lab/03-logical-streamer/replication';

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
  // TODO: open a ReplicationConnection (withValueSettings(databaseUrl)), send
  // CREATE_REPLICATION_SLOT "<slot>" LOGICAL "pgoutput" (SNAPSHOT 'export') and return the
  // connection — still open — with the consistent point and the snapshot name it answers.
  void databaseUrl; void slot;
  return todo('creating the slot with an exported snapshot', 'docs/06-snapshot-stream.md#the-exported-snapshot');
}
