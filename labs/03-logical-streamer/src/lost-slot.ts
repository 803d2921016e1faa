import { ReplicationError } from '@cdc-lab/common';
import { SlotInvalidatedError } from './replication/index.ts';
import { withConnection } from './sql-connection.ts';

/**
 * The runbook for a slot Postgres has invalidated. The slot still shows in
 * pg_replication_slots, with its confirmed position, but the WAL after that position is gone:
 * every change committed since is lost to this slot, and no setting brings it back. What is
 * left is to start over knowingly: drop the slot, let a new one start at the current WAL
 * position, and copy the tables again (a snapshot, lab 6) to recover what the gap swallowed.
 */
export async function explainLostSlot(error: SlotInvalidatedError, connectionString: string): Promise<ReplicationError> {
  const known = await withConnection(connectionString, error.slot, async (client) => {
    // invalidation_reason exists from Postgres 17 on: read through to_jsonb so that 15 and 16 give null.
    const result = await client.query<{ confirmed: string | null; wal_status: string | null; reason: string | null }>(
      `SELECT confirmed_flush_lsn::text AS confirmed, wal_status, to_jsonb(s) ->> 'invalidation_reason' AS reason
         FROM pg_replication_slots s WHERE slot_name = $1`,
      [error.slot],
    );
    return result.rows[0];
  }).catch(() => undefined);
  const lost = known?.confirmed
    ? `everything committed after ${known.confirmed}, its confirmed flush LSN, is lost to it`
    : 'everything committed after its confirmed position is lost to it';
  return new ReplicationError(`slot '${error.slot}' was invalidated (${error.reason.replace(/\.$/, '')}; wal_status ${known?.wal_status ?? 'lost'}): ${lost}`, {
    cause: error,
    hint: [
      'the runbook:',
      `  1. drop the slot: pnpm lab 3 drop (or SELECT pg_drop_replication_slot('${error.slot}'))`,
      '  2. run the streamer again: it creates a new slot, which starts at the current WAL position',
      '  3. take a new snapshot of the tables (lab 6) to recover what changed in the gap, then let the stream go on from there',
      known?.reason === 'idle_timeout'
        ? '  4. find out why nobody read the slot for so long; idle_replication_slot_timeout is what invalidated it (pnpm lab 3 status shows how long a slot has been idle)'
        : '  4. find out why the reader fell so far behind; max_slot_wal_keep_size is what invalidated it (pnpm lab 3 status shows wal_status and how much WAL is left before lost)',
    ].join('\n'),
  });
}
