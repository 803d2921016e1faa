import type pg from 'pg';
import { Lsn, ReplicationError } from '@cdc-lab/common';
import { BridgeStream } from '@cdc-lab/04-kafka-bridge/capture';
import { captureTransactions, readCatalog } from '@cdc-lab/04-kafka-bridge/capture';
import { ChangeEventBuilder, type ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import { withValueSettings } from './connections.ts';
import type { IncrementalSnapshot } from './incremental/incremental-snapshot.ts';
import { SIGNAL_TABLE_NAME } from './incremental/signals.ts';
import type { Settings } from './settings.ts';
import type { KafkaSink } from './sink/kafka-sink.ts';
import { OrderedSender } from './sink/ordered-sender.ts';
import type { StateFile } from './state.ts';

/** Status updates every second: the slot's confirmed position follows Kafka closely. */
const STATUS_INTERVAL_MS = 1_000;

export interface Streaming {
  settings: Settings;
  sql: pg.Client;
  sink: KafkaSink;
  state: StateFile;
  incremental: IncrementalSnapshot;
  consistentPoint: Lsn;
  startLsn: Lsn | undefined;
}

/**
 * Stream from the slot: receive → decode → shape (lab 4's capture) → signals and watermarks →
 * Kafka → bookmark → confirm. A transaction is confirmed to Postgres only once Kafka has all
 * its events and the snapshot bookmark is written: the slot never moves past anything a crash
 * could lose.
 */
export async function streamChanges({ settings, sql, sink, state, incremental, consistentPoint, startLsn }: Streaming): Promise<void> {
  const database = (await sql.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
  const builder = new ChangeEventBuilder({ topicPrefix: settings.topicPrefix, database, ...(await readCatalog(sql)) });
  const onRelation = async () => builder.updateCatalog(await readCatalog(sql));
  // Lab 4's stream confirms keepalives once the bridge is caught up: an idle slot then holds no
  // WAL back, and Postgres can shut down while the bridge is connected.
  const stream = await BridgeStream.open({
    connectionString: withValueSettings(settings.connectionString),
    slot: settings.slot,
    plugin: 'pgoutput',
    pluginOptions: { proto_version: '1', publication_names: settings.publication },
    statusIntervalMs: STATUS_INTERVAL_MS,
    ...(startLsn ? { startLsn } : {}),
  });
  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    console.log('Stopping: reading no more changes');
    stream.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  console.log(`Listening on slot '${settings.slot}' from ${startLsn ?? stream.slot.confirmedFlushLsn} (consistent point ${consistentPoint})...`);
  incremental.maybeStartChunk();

  const sender = new OrderedSender(sink);
  let written = JSON.stringify(state.read()?.pending ?? []);
  try {
    for await (const captured of captureTransactions(stream, { builder, onRelation })) {
      if (captured.kind === 'change') {
        const event = captured.event;
        if (event.schema === settings.signalSchema && event.table === SIGNAL_TABLE_NAME) {
          await sender.add(await handleSignal(event, incremental));
          continue;
        }
        incremental.observe(event);
        await sender.add([event]);
      } else if (captured.kind === 'commit') {
        const pending = incremental.pending.map((entry) => ({ ...entry }));
        const endLsn = captured.endLsn;
        // Once Kafka has the transaction (and any chunk emitted in it): record progress, then confirm.
        await sender.commit(() => {
          // Written only when it changed: most transactions move no snapshot forward.
          if (JSON.stringify(pending) !== written) {
            state.write({ ...state.read()!, pending });
            written = JSON.stringify(pending);
          }
          stream.confirmFlushedLsn(endLsn);
        });
        incremental.maybeStartChunk();
      }
    }
    await sender.drain();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stream.close();
  }
  if (!stopRequested) throw new ReplicationError('the server ended the replication stream', { retriable: true, hint: 'run the program again: it resumes from the confirmed position' });
  console.log(`Stopped. Confirmed up to ${stream.confirmedLsn}.`);
}

/** A row inserted into the signal table: a command, or one of our own watermarks. */
async function handleSignal(event: ChangeEvent, incremental: IncrementalSnapshot): Promise<ChangeEvent[]> {
  const row = event.value.after;
  if (event.value.op !== 'c' || row === null) return [];
  const type = String(row.type);
  const data = parseData(row.data);
  switch (type) {
    case 'execute-snapshot': {
      const tables = Array.isArray(data['data-collections']) ? data['data-collections'].map(String) : [];
      incremental.request(tables);
      return [];
    }
    case 'pause-snapshot':
      incremental.pause();
      return [];
    case 'resume-snapshot':
      incremental.resume();
      return [];
    case 'snapshot-window-open':
    case 'snapshot-window-close': {
      return incremental.watermark(type, String(data.id), Lsn.fromBigInt(event.value.source.lsn ?? 0n));
    }
    default:
      console.log(`Ignoring signal of unknown type ${type}`);
      return [];
  }
}

function parseData(data: unknown): Record<string, unknown> {
  if (typeof data !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
