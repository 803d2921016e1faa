import { Lsn } from '@cdc-lab/common';
import { readCatalog } from '@cdc-lab/04-kafka-bridge/capture';
import { openSqlConnection } from '../connections.ts';
import type { Parts } from '../parts.ts';
import type { Settings } from '../settings.ts';
import type { KafkaSink } from '../sink/kafka-sink.ts';
import type { StateFile } from '../state.ts';
import { SnapshotProgress } from './progress.ts';
import { ReadEventShaper } from './read-events.ts';
import { snapshotTable, type TableReading } from './table-snapshot.ts';
import { describeTable, publishedTables, quotedName } from './tables.ts';

/**
 * The initial snapshot, step by step:
 *
 *   1. create the slot with an exported snapshot: a consistent point and a snapshot name
 *   2. adopt the snapshot in a REPEATABLE READ transaction on an ordinary connection, and only
 *      then let the replication connection go (the snapshot dies with it)
 *   3. read each table in key-ordered chunks (table-snapshot.ts); each chunk goes to Kafka,
 *      and once Kafka has acknowledged it the bookmark (table, last key) is written to the
 *      state file
 *   4. commit the read-only transaction; the stream starts at the consistent point
 *
 * Returns the consistent point.
 */
export async function runInitialSnapshot(settings: Settings, parts: Parts, sink: KafkaSink, state: StateFile, signalTable: string): Promise<Lsn> {
  const exported = await parts.createSlotWithExportedSnapshot(settings.connectionString, settings.slot);
  console.log(`Created slot '${settings.slot}' at ${exported.consistentPoint} with exported snapshot ${exported.snapshotName}`);
  const snapshot = await openSqlConnection(settings.connectionString, settings.slot);
  try {
    await parts.beginSnapshotTransaction(snapshot, exported.snapshotName);
    // Imported: the snapshot no longer needs the connection that exported it.
    await exported.connection.close();
    const tables = await publishedTables(snapshot, settings.publication, signalTable);
    state.write({ slot: settings.slot, consistentPoint: exported.consistentPoint.toString(), phase: 'snapshot', pending: tables.map((table) => ({ table, after: null })) });
    const database = (await snapshot.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
    const shaper = new ReadEventShaper({ topicPrefix: settings.topicPrefix, database }, await readCatalog(snapshot));
    const started = performance.now();
    let total = 0;
    for (const [index, name] of tables.entries()) {
      const table = await describeTable(snapshot, name);
      // Counted in the snapshot, so the total is exact: the rows the snapshot will read.
      const count = Number((await snapshot.query<{ count: string }>(`SELECT count(*) AS count FROM ${quotedName(table)}`)).rows[0]!.count);
      console.log(`Snapshot of ${table.schema}.${table.name}: ${count} rows in chunks of ${settings.chunkSize}`);
      const progress = new SnapshotProgress(`${table.schema}.${table.name}`, count);
      const reading: TableReading = {
        shaper, firstTable: total === 0, lastTable: index === tables.length - 1, lsn: exported.consistentPoint, chunkSize: settings.chunkSize, progress,
      };
      try {
        total += await snapshotTable(snapshot, table, reading, parts.readChunk, sink, (lastKey) => {
          // Acknowledged by Kafka: from here on a crash resumes after this chunk.
          const current = state.read()!;
          state.write({ ...current, pending: current.pending.map((entry) => (entry.table === name ? { table: name, after: lastKey } : entry)) });
        });
      } finally {
        progress.finish();
      }
      const current = state.read()!;
      state.write({ ...current, pending: current.pending.filter((entry) => entry.table !== name) });
    }
    await snapshot.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    console.log(`Snapshot complete: ${total} rows from ${tables.length} table${tables.length === 1 ? '' : 's'} in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 0.001))} rows/s)`);
    state.write({ slot: settings.slot, consistentPoint: exported.consistentPoint.toString(), phase: 'streaming', pending: [] });
    return exported.consistentPoint;
  } finally {
    await exported.connection.close().catch(() => {});
    await snapshot.end().catch(() => {});
  }
}
