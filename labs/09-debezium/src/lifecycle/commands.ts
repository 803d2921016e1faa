import pg from 'pg';
import { formatBytes } from '@cdc-lab/common';
import { ConnectClient, type ConnectorConfig } from '../connect/client.ts';
import { describeStatus, waitForState } from '../connect/wait.ts';
import type { LifecycleAction, PipelineNames, Settings } from '../settings.ts';
import type { deleteConnectorAndSlot as DeleteFn } from './drop-slot.ts';
import type { pauseConnector as PauseFn } from './pause.ts';
import { waitUntilGone } from './remove.ts';
import { slotState, waitForSlot } from './slots.ts';

interface LifecycleCommand {
  action: LifecycleAction;
  settings: Settings;
  names: PipelineNames;
  dropSlot: boolean;
  /** The connector's config: what a connector created only to delete old offsets is given. */
  config: () => ConnectorConfig;
}

/** status, pause, resume, restart, delete: one REST call each, then the state it leads to. */
export async function lifecycle({ action, settings, names, dropSlot, config }: LifecycleCommand, parts: { deleteConnectorAndSlot: typeof DeleteFn; pauseConnector: typeof PauseFn }): Promise<void> {
  const connect = new ConnectClient(settings.connectUrl);
  const database = new pg.Client({ connectionString: settings.databaseUrl });
  await database.connect();
  try {
    switch (action) {
      case 'status':
        break;
      case 'pause':
        await parts.pauseConnector(connect, names.connector, settings.timeoutMs);
        console.log(`Paused '${names.connector}': its task reads nothing, its slot keeps the WAL meanwhile`);
        break;
      case 'resume':
        await connect.resume(names.connector);
        await waitForState(connect, names.connector, 'RUNNING', settings.timeoutMs);
        console.log(`Resumed '${names.connector}': it goes on from its last committed offset`);
        break;
      case 'restart':
        await connect.restart(names.connector);
        await waitForState(connect, names.connector, 'RUNNING', settings.timeoutMs);
        // The restarted task reports RUNNING before it has opened its slot again.
        await waitForSlot(database, names.slot, settings.timeoutMs);
        console.log(`Restarted '${names.connector}' and its task`);
        break;
      case 'delete': {
        if (dropSlot) {
          const deleted = await parts.deleteConnectorAndSlot(connect, database, names, config, settings.timeoutMs);
          console.log(deleted.connector ? `Deleted connector '${names.connector}'` : `No connector '${names.connector}' to delete`);
          if (deleted.orphanedOffsets) console.log(`Deleted the offsets Kafka Connect still kept for '${names.connector}' (from a delete without --drop-slot)`);
          console.log(deleted.slot ? `Dropped slot '${names.slot}'` : `No slot '${names.slot}' to drop`);
          console.log(`Dropped publication '${names.publication}' (if it existed)`);
          break;
        }
        const existed = await connect.delete(names.connector);
        // The worker carries the delete out a moment after it accepted it.
        if (existed) await waitUntilGone(connect, names.connector, settings.timeoutMs);
        console.log(existed ? `Deleted connector '${names.connector}'` : `No connector '${names.connector}' to delete`);
        break;
      }
    }
    await printStatus(connect, database, names);
    if (action === 'delete' && !dropSlot && (await slotState(database, names.slot))) {
      console.log(`warning: slot '${names.slot}' still exists and keeps WAL for a connector that is gone; \`pnpm lab 9 delete --drop-slot\` drops it`);
    }
  } finally {
    await database.end();
  }
}

async function printStatus(connect: ConnectClient, database: pg.Client, names: PipelineNames): Promise<void> {
  const status = await connect.status(names.connector);
  console.log(`connector '${names.connector}': ${status ? describeStatus(status) : 'not registered'}`);
  const slot = await slotState(database, names.slot);
  if (!slot) console.log(`slot '${names.slot}': none`);
  else console.log(`slot '${names.slot}': ${slot.active ? 'active' : 'inactive'}, confirmed up to ${slot.confirmed_flush_lsn ?? '-'}, keeps ${formatBytes(Number(slot.retained_bytes ?? 0))} of WAL`);
}
