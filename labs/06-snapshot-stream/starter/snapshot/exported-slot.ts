import { todo, Lsn } from '@cdc-lab/common';
// What you will need: lab 3's ReplicationConnection runs replication commands; quoteIdentifier
// quotes the slot's name; snapshotOption spells the snapshot option the way your server takes it
// (Postgres 14 wants a keyword); withValueSettings adds the session settings every value reader needs.
import { quoteIdentifier, ReplicationConnection, snapshotOption } from '@cdc-lab/03-logical-streamer/replication';
import { withValueSettings } from '../../src/connections.ts';

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
  // TODO: create the slot so that Postgres also exports a snapshot taken at the slot's
  //   consistent point. Which kind of connection can create a slot, and what does the answer
  //   give you? Why must that connection still be open when you return it, and what should
  //   happen to it when creating the slot fails?
  void databaseUrl; void slot;
  return todo('creating the slot with an exported snapshot', 'docs/06-snapshot-stream.md#the-exported-snapshot');
}
