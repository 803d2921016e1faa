import type pg from 'pg';
import { ConfigurationError, Lsn } from '@cdc-lab/common';
import { ensurePublication } from '@cdc-lab/04-kafka-bridge/capture';
import { openSqlConnection } from './connections.ts';
import { IncrementalSnapshot, type PendingTable } from './incremental/incremental-snapshot.ts';
import { ensureSignalTable, signalTableName } from './incremental/signals.ts';
import { referenceParts, type Parts } from './parts.ts';
import { parseSettings, type Settings } from './settings.ts';
import { KafkaSink } from './sink/kafka-sink.ts';
import { runInitialSnapshot } from './snapshot/initial-snapshot.ts';
import { StateFile } from './state.ts';
import { streamChanges } from './stream.ts';
import { createSlotWithoutData } from './snapshot/no-data-slot.ts';

/**
 * Snapshot, then stream. A first run creates the slot and reads the tables (or, with
 * --snapshot no_data, only creates the slot); later runs stream from the slot. A run that
 * finds an unfinished initial snapshot in the state file finishes it as an incremental
 * snapshot while streaming (see docs/06-snapshot-stream.md#resuming-after-a-crash).
 */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: Parts = referenceParts): Promise<void> {
  const settings = parseSettings(argv, env);
  const sql = await openSqlConnection(settings.connectionString, settings.slot);
  const chunks = await openSqlConnection(settings.connectionString, settings.slot);
  const sink = await KafkaSink.connect(settings.brokers, { prefix: settings.topicPrefix });
  try {
    await ensureSignalTable(sql, settings.signalSchema);
    await ensurePublication(sql, settings.publication);
    const state = new StateFile(settings.stateDir);
    const { consistentPoint, pending } = await prepare(settings, parts, sink, state, await slotExists(sql, settings.slot));
    const database = (await sql.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
    const incremental = new IncrementalSnapshot(chunks, parts, { topicPrefix: settings.topicPrefix, database, chunkSize: settings.chunkSize, signalSchema: settings.signalSchema }, pending);
    const startLsn = await parts.streamStart(sql, consistentPoint);
    await streamChanges({ settings, sql, sink, state, incremental, consistentPoint, startLsn });
  } finally {
    await sink.disconnect();
    await chunks.end().catch(() => {});
    await sql.end().catch(() => {});
  }
}

/** Where this run stands: a new slot (and snapshot), a finished one, or an interrupted one. */
async function prepare(settings: Settings, parts: Parts, sink: KafkaSink, state: StateFile, slotFound: boolean): Promise<{ consistentPoint: Lsn; pending: PendingTable[] }> {
  const saved = state.read();
  if (!slotFound) {
    if (settings.snapshotMode === 'no_data') {
      const consistentPoint = await createSlotWithoutData(settings.connectionString, settings.slot);
      console.log(`Created slot '${settings.slot}' at ${consistentPoint} (snapshot mode no_data: streaming only)`);
      state.write({ slot: settings.slot, consistentPoint: consistentPoint.toString(), phase: 'streaming', pending: [] });
      return { consistentPoint, pending: [] };
    }
    const consistentPoint = await runInitialSnapshot(settings, parts, sink, state, signalTableName(settings.signalSchema));
    return { consistentPoint, pending: [] };
  }
  if (!saved || saved.slot !== settings.slot) {
    throw new ConfigurationError(`slot '${settings.slot}' exists, but ${state.file} does not say how it was made`, {
      hint: `the snapshot that belongs to a slot is known only to the run that created it: drop the slot (SELECT pg_drop_replication_slot('${settings.slot}')) to start over, or point CDC_STATE_DIR at that run's state`,
    });
  }
  const consistentPoint = Lsn.parse(saved.consistentPoint);
  if (saved.phase === 'snapshot') {
    for (const entry of saved.pending) {
      console.log(`Resuming the initial snapshot of ${entry.table} after ${entry.after ? JSON.stringify(entry.after) : 'the start'}: the exported snapshot died with the last run, so the rest is read as an incremental snapshot while streaming from ${consistentPoint}`);
    }
    state.write({ ...saved, phase: 'streaming' });
  }
  return { consistentPoint, pending: saved.pending };
}

async function slotExists(sql: pg.Client, slot: string): Promise<boolean> {
  const result = await sql.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return result.rowCount === 1;
}
