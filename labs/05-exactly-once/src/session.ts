import type pg from 'pg';
import type { Admin, Producer } from 'kafkajs';
import { CdcLabError, ReplicationError } from '@cdc-lab/common';
import { explainOversizedEvent, largestOf } from '@cdc-lab/04-kafka-bridge/kafka/oversized';
import { ensurePublication } from '@cdc-lab/04-kafka-bridge/capture';
import { ChangeEventBuilder } from '@cdc-lab/04-kafka-bridge/envelope';
import type { Batch } from './batches/batch.ts';
import type { BridgeStream } from '@cdc-lab/04-kafka-bridge/capture';
import { explainKafkaError } from './kafka-errors.ts';
import { kafkaClient } from './kafka-client.ts';
import { offsetsTopicFor } from './offsets-topic.ts';
import type { BridgeParts } from './parts.ts';
import { describePosition } from './position.ts';
import { catalogFacts, connectCatalog, openStream } from './postgres.ts';
import type { BridgeSettings } from './settings.ts';
import type { StopSignal } from './stop-signal.ts';
import { streamToKafka } from './stream-to-kafka.ts';

export interface SessionHooks {
  /** The session is streaming: the moment to say so, and to count the bridge healthy again. */
  onListening(): void;
}

/**
 * One session of the bridge, from connecting to stopping or failing. After any failure the
 * bridge starts a new session, and a restarted process does exactly the same: every start is a
 * recovery, and there is only one way to recover.
 *
 *   1. fence     become the only writer for the transactional id
 *   2. position  read what Kafka has (after fencing, so that it cannot change under us)
 *   3. stream    open the slot; it may be behind Kafka — confirm the position to it
 *   4. run       capture → skip what Kafka has → batch → events + position in one Kafka
 *                transaction → confirm to Postgres after the commit
 */
export async function runSession(settings: BridgeSettings, parts: BridgeParts, stop: StopSignal, hooks: SessionHooks): Promise<void> {
  const kafka = kafkaClient(settings.brokers);
  const admin = kafka.admin();
  const producer = parts.createProducer(kafka, settings.transactionalId);
  let catalog: pg.Client | undefined;
  let stream: BridgeStream | null = null;
  try {
    // 1. Fence.
    await admin.connect();
    await producer.connect();
    await parts.fenceEarlierInstances(producer);
    console.log(`Took over transactional id '${settings.transactionalId}': older instances are fenced`);

    // 2. The position Kafka has.
    const offsets = offsetsTopicFor(settings.topicPrefix, settings.slot);
    if ((await parts.ensureOffsetsTopic(admin, offsets)) === 'created') console.log(`Created offsets topic ${offsets.topic} (cleanup.policy=compact)`);
    const position = await parts.readPosition(kafka, admin, offsets);
    console.log(position
      ? `Position in ${offsets.topic}: ${describePosition(position)}`
      : `No position in ${offsets.topic} yet: starting where slot '${settings.slot}' is`);

    // 3. The stream, from the slot; Kafka decides what is new.
    const connected = await connectCatalog(settings.connectionString);
    catalog = connected.client;
    await ensurePublication(catalog, settings.publication);
    const facts = await catalogFacts(catalog);
    stream = await openStream({
      connectionString: settings.connectionString,
      slot: settings.slot,
      publication: settings.publication,
      statusIntervalMs: settings.statusIntervalMs,
      waitMs: settings.slotWaitMs,
      stop,
      onWaiting: () => console.log(`Slot '${settings.slot}' is still read by another process: waiting up to ${settings.slotWaitMs / 1000} s for it to let go`),
    });
    if (!stream) return;
    const slot = stream.slot;
    if (slot.created) console.log(`Created slot '${slot.name}' (${slot.plugin}) at ${slot.confirmedFlushLsn}`);
    // The slot may be behind Kafka (a crash after a commit, before the next status update):
    // bring it level, so that Postgres can let go of that WAL.
    if (position?.complete) stream.confirmFlushedLsn(position.commitLsn);

    let last = position;
    const builder = new ChangeEventBuilder({ topicPrefix: settings.topicPrefix, database: connected.database, ...facts });
    const openStreamRef = stream;
    const forgetStop = stop.onStop(() => openStreamRef.stop());
    console.log(`Listening on slot '${slot.name}' (publication '${settings.publication}'): events to ${settings.topicPrefix}.<schema>.<table> in Kafka transactions`);
    hooks.onListening();
    try {
      await streamToKafka(stream, {
        builder,
        onRelation: async () => builder.updateCatalog(await catalogFacts(connected.client)),
        producer,
        offsets,
        position,
        limits: { transactions: settings.batchTransactions, changes: settings.batchChanges, bytes: settings.batchBytes },
        routing: { prefix: settings.topicPrefix },
        parts,
        onSkipped: (count) => console.log(`Skipped ${count} change(s) Kafka already had`),
        onCommitted: (batch) => {
          last = batch.position;
          console.log(describeCommit(batch));
        },
        explainRefusal: (error, batch) => explainOversizedEvent(error, largestOf(batch.topicMessages()), admin, settings.brokers),
      });
    } catch (error) {
      // An error already explained (an oversized event) keeps its words; a raw Kafka error gets them here.
      throw parts.asFencedError(error, settings.transactionalId) ?? (error instanceof CdcLabError ? error : explainKafkaError(error)) ?? error;
    } finally {
      forgetStop();
    }
    if (stop.requested) {
      console.log(`Stopped at ${last ? describePosition(last) : 'the start'}; slot '${slot.name}' confirmed up to ${stream.confirmedLsn}`);
      return;
    }
    throw new ReplicationError('the server ended the replication stream', {
      retriable: true,
      hint: 'Postgres is probably shutting down; the bridge starts again from the position in Kafka once it is back',
    });
  } finally {
    // Closing the stream reports the confirmed position one last time: only committed work.
    await stream?.close();
    await catalog?.end().catch(() => {});
    await disconnect(producer, admin);
  }
}

async function disconnect(producer: Producer, admin: Admin): Promise<void> {
  await producer.disconnect().catch(() => {});
  await admin.disconnect().catch(() => {});
}

/** `Committed 250 events (3 transactions) up to 0/1A2B3C8 #249 (whole transaction, xid 771)` */
export function describeCommit(batch: Batch): string {
  const whole = `${batch.transactions} transaction${batch.transactions === 1 ? '' : 's'}`;
  const pieces = batch.endsAtCommit ? whole : batch.transactions === 0 ? 'part of a transaction' : `${whole} and part of one`;
  return `Committed ${batch.changes} event${batch.changes === 1 ? '' : 's'} (${pieces}) up to ${batch.position ? describePosition(batch.position) : '?'}`;
}
