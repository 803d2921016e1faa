import { ReplicationError } from '@cdc-lab/common';
import type { Command } from './settings.ts';
import { withConnection } from './sql-connection.ts';
import { explainPostgresError } from './replication/index.ts';
import { readSlotStatus } from './status.ts';

/**
 * Dropping a slot releases the WAL it holds back, and forgets its position for good: changes
 * made afterwards are recorded for nobody. A slot that is being read is not ours to drop.
 */
export async function dropSlot(command: Extract<Command, { kind: 'drop' }>): Promise<void> {
  await withConnection(command.connectionString, command.slot, async (client) => {
    const status = await readSlotStatus(client, command.slot);
    if (!status) {
      console.log(`There is no slot '${command.slot}': nothing to drop.`);
      return;
    }
    if (status.active) {
      throw new ReplicationError(`slot '${command.slot}' is active: walsender PID ${status.activePid ?? '?'} is reading it`, {
        hint: 'stop the streamer first (Ctrl-C in its terminal); dropping a slot while it is read would pull the ground from under its reader',
      });
    }
    try {
      await client.query('SELECT pg_drop_replication_slot($1)', [command.slot]);
    } catch (error) {
      // A streamer may have started between our look and the drop: Postgres refuses with 55006.
      throw explainPostgresError(error, { step: 'drop', slot: command.slot });
    }
    console.log(`Dropped slot '${command.slot}'. Postgres no longer keeps WAL for it.`);
  });
}
