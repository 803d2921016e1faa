import type { ICustomPartitioner } from 'kafkajs';
import type pg from 'pg';
import { colour, ReplicationError, SinkError } from '@cdc-lab/common';
import { explainPostgresError, type ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { tablesWithoutReplicaIdentity, type ensurePublication, type readCatalog } from './capture/index.ts';
import { ChangeEventBuilder, type TopicRouting } from './envelope/index.ts';
import type { forwardChanges, ForwardingSteps } from './forward-changes.ts';
import { BRIDGE_CLIENT_ID, type connectKafka, type KafkaConnection } from './kafka/client.ts';
import { explainKafkaError } from './kafka/errors.ts';
import { explainOversizedEvent } from './kafka/oversized.ts';
import { endStreamOnFailure } from './produce/end-on-failure.ts';
import { patiently } from './kafka/patience.ts';
import type { produceBatch } from './kafka/produce-batch.ts';
import { TopicCreator } from './kafka/topics.ts';
import { Acknowledger } from './position/acknowledger.ts';
import type { Pipeline, PipelineFactory, SendBatch } from './produce/pipeline.ts';
import { replicationUrl, type statusIntervalFor } from './replication-settings.ts';
import type { StreamCommand } from './settings.ts';
import { openSqlConnection } from './sql-connection.ts';
import type { digest } from './tail/event-line.ts';

/**
 * The pieces the program is made of (the forwarding loop's own steps come from
 * ForwardingSteps); the grader's broken variants swap one of them.
 */
export interface BridgeParts extends ForwardingSteps {
  ensurePublication: typeof ensurePublication;
  /** Keys, user types, NOT NULL and defaults: what the events need beyond the Relation messages. */
  readCatalog: typeof readCatalog;
  connectKafka: typeof connectKafka;
  /** Which partition a record goes to: by the hash of its key. */
  partitioner: ICustomPartitioner;
  Stream: typeof ReplicationStream;
  forward: typeof forwardChanges;
  Pipeline: PipelineFactory;
  produce: typeof produceBatch;
  statusInterval: typeof statusIntervalFor;
  /** What the tail command prints of a change event. */
  tailDigest: typeof digest;
}

/** pgoutput protocol 1: whole transactions, text values (what the decoder reads). */
const PGOUTPUT = 'pgoutput';
/** On Ctrl-C, how long to wait for Kafka to acknowledge what is in flight. */
const FLUSH_TIMEOUT_MS = 10_000;

/**
 * The stream command, top to bottom: check the source, connect to Kafka, open the slot's
 * stream, forward changes until Ctrl-C, and stop without confirming anything Kafka has not
 * acknowledged.
 */
export async function runBridge(command: StreamCommand, parts: BridgeParts): Promise<void> {
  const sql = await openSqlConnection(command.connectionString, command.slot);
  try {
    const source = await prepareSource(sql, command, parts);
    // Kafka before the slot: a broker that is down should stop us before Postgres keeps WAL for us.
    const kafka = await parts.connectKafka(command.brokers, BRIDGE_CLIENT_ID, parts.partitioner);
    try {
      await streamToKafka(command, parts, sql, source, kafka);
    } catch (error) {
      throw (await ifSlotDropped(sql, command.slot, error)) ?? error;
    } finally {
      await kafka.disconnect();
    }
  } finally {
    await sql.end().catch(() => {});
  }
}

/**
 * The stream ended with an error and the slot is gone: someone dropped it (after terminating its
 * walsender). Saying "run again to resume" would be wrong: the next run makes a new slot that
 * starts now, and what changed in between is in no slot. Null when the slot is still there.
 */
async function ifSlotDropped(sql: pg.Client, slot: string, error: unknown): Promise<ReplicationError | null> {
  if (!(error instanceof ReplicationError)) return null;
  const found = await sql.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]).then((result) => result.rowCount ?? 0, () => null);
  if (found !== 0) return null;
  return new ReplicationError(`slot '${slot}' was dropped while the bridge was reading it (${error.message})`, {
    cause: error,
    hint: [
      'the changes after its last confirmed position are in no slot any more: a new run makes a new slot that starts from now, and Kafka will miss what happened in between.',
      'To fill the gap, snapshot the captured tables again (lab 6) after starting the new slot; to stop it happening, drop only slots whose pg_replication_slots.active is false and that nothing will read again',
    ].join(' '),
  });
}

interface Source {
  database: string;
  statusIntervalMs: number;
}

/** The publication (created or checked), warnings about tables Postgres cannot publish, and settings. */
async function prepareSource(sql: pg.Client, command: StreamCommand, parts: BridgeParts): Promise<Source> {
  try {
    const publication = await parts.ensurePublication(sql, command.publication, command.tables);
    const what = command.tables.length > 0 ? `tables ${command.tables.join(', ')}` : 'all tables';
    console.log(publication === 'created' ? `Created publication '${command.publication}' for ${what}` : `Using publication '${command.publication}'`);
    for (const table of await tablesWithoutReplicaIdentity(sql, command.publication)) {
      console.log(colour.yellow(`warning: ${table} has no replica identity: Postgres will refuse its UPDATEs and DELETEs while the publication publishes them; give it a primary key or run ALTER TABLE ${table} REPLICA IDENTITY FULL`));
    }
    const database = (await sql.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
    const statusIntervalMs = command.statusIntervalMs ?? await parts.statusInterval(sql);
    return { database, statusIntervalMs };
  } catch (error) {
    throw explainPostgresError(error, { step: 'query', slot: command.slot });
  }
}

async function streamToKafka(command: StreamCommand, parts: BridgeParts, sql: pg.Client, source: Source, kafka: KafkaConnection): Promise<void> {
  const catalog = await parts.readCatalog(sql);
  const builder = new ChangeEventBuilder({ topicPrefix: command.topicPrefix, database: source.database, ...catalog });
  // A Relation message mid-stream means a new table or an ALTER TABLE: keys and defaults may have changed.
  const onRelation = async () => builder.updateCatalog(await parts.readCatalog(sql));
  const routing: TopicRouting = { prefix: command.topicPrefix, ...(command.singleTopic ? { singleTopic: command.singleTopic } : {}) };

  const stream = await parts.Stream.open({
    connectionString: replicationUrl(command.connectionString),
    slot: command.slot,
    plugin: PGOUTPUT,
    pluginOptions: { proto_version: '1', publication_names: command.publication },
    statusIntervalMs: source.statusIntervalMs,
  });
  const acknowledger = new Acknowledger(stream, { delayMs: command.confirmDelayMs, report: (line) => console.log(line) });
  const pipeline = new parts.Pipeline(endStreamOnFailure(kafkaSender(command, parts, kafka), stream), (batch) => acknowledger.kafkaAcknowledged(batch));

  if (stream.slot.created) console.log(`Created slot '${stream.slot.name}' (${PGOUTPUT}) at ${stream.slot.confirmedFlushLsn}`);
  console.log(`Producing to Kafka at ${command.brokers.join(',')}: ${command.singleTopic ? `every table to topic ${command.singleTopic}` : `one topic per table, ${command.topicPrefix}.<schema>.<table>`}`);
  if (command.confirmDelayMs > 0) console.log(colour.yellow(`--confirm-delay ${command.confirmDelayMs}: confirming to Postgres ${command.confirmDelayMs} ms after Kafka acknowledges (a teaching aid)`));

  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    console.log('Stopping: reading no more changes; waiting for Kafka to acknowledge what it has');
    stream.stop();
    pipeline.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  console.log(`Listening on slot '${stream.slot.name}'...`);
  try {
    await stopCleanly(stream, pipeline, acknowledger, parts.forward({ stream, builder, onRelation, pipeline, routing, steps: parts }));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (!stopRequested) {
    throw new ReplicationError('the server ended the replication stream', {
      retriable: true,
      hint: 'Postgres is probably shutting down; run the bridge again once it is back: it resumes from the confirmed position',
    });
  }
  console.log(`Stopped. Confirmed up to ${stream.confirmedLsn}: the next run starts after it.`);
}

/** One batch to Kafka: its topics first if they are new, then the produce request; patient, and explained if it fails. */
function kafkaSender(command: StreamCommand, parts: BridgeParts, kafka: KafkaConnection): SendBatch {
  const topics = new TopicCreator(kafka.admin, (line) => console.log(line));
  return async (batch) => {
    const notice = (waited: number) => console.log(colour.yellow(
      `waiting for Kafka: a batch of ${batch.records} record${batch.records === 1 ? '' : 's'} unacknowledged for ${Math.round(waited / 1000)} s; nothing more is confirmed to Postgres until it answers`));
    const sending = (async () => {
      await topics.ensure(batch.topics());
      await parts.produce(kafka.producer, batch);
    })();
    try {
      await patiently(sending, notice);
    } catch (error) {
      throw (await explainOversizedEvent(error, batch.largest(), kafka.admin, command.brokers)) ?? explainKafkaError(error, command.brokers);
    }
  };
}

/**
 * Wait for the forwarding loop to end (Ctrl-C, the server, or a failure), then leave nothing
 * half-said: let Kafka acknowledge what is in flight (for a while), confirm what it has
 * acknowledged, and close the stream, whose last status update carries that position.
 */
async function stopCleanly(stream: ReplicationStream, pipeline: Pipeline, acknowledger: Acknowledger, forwarding: Promise<void>): Promise<void> {
  let failure: unknown;
  let unacknowledged = 0;
  try {
    await forwarding;
    pipeline.stop();
    if (!(await pipeline.flush(FLUSH_TIMEOUT_MS))) unacknowledged = pipeline.unacknowledged;
  } catch (error) {
    failure = error;
  } finally {
    acknowledger.confirmAcknowledgedNow();
    await stream.close();
  }
  if (failure !== undefined) throw failure;
  if (unacknowledged > 0) {
    throw new SinkError(`Kafka did not acknowledge ${unacknowledged} records within ${FLUSH_TIMEOUT_MS / 1000} s of Ctrl-C`, {
      retriable: true,
      hint: `they were not confirmed to Postgres, so the next run sends them again; confirmed up to ${stream.confirmedLsn}`,
    });
  }
}
