import crypto from 'node:crypto';
import type { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { SinkError } from '@cdc-lab/common';
import { decodePosition, type Position } from './position.ts';

/**
 * Where the bridge keeps its position: a compacted topic, one record per slot (the key), the
 * way Kafka Connect keeps source offsets. Compaction keeps at least the latest record of every
 * key for ever, and lets the older ones go; a topic with the default cleanup policy (delete)
 * would throw the position away after retention.ms — and the bridge would start over.
 */
export interface OffsetsTopic {
  topic: string;
  /** The record key: the slot name, so that bridges of several slots can share the topic. */
  key: string;
}

export function offsetsTopicFor(topicPrefix: string, slot: string): OffsetsTopic {
  return { topic: `${topicPrefix}.offsets`, key: slot };
}

// ConfigResourceTypes.TOPIC: Node's ESM loader does not see that export of kafkajs (CommonJS).
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** Create the topic with cleanup.policy=compact, or check that the existing one has it. */
export async function ensureOffsetsTopic(admin: Admin, { topic }: OffsetsTopic): Promise<'created' | 'existing'> {
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    waitForLeaders: true,
  });
  if (created) return 'created';
  const described = await admin.describeConfigs({
    resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['cleanup.policy'] }],
    includeSynonyms: false,
  });
  const policy = described.resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue ?? '';
  if (policy.split(',').map((part) => part.trim()).join(',') !== 'compact') {
    throw new SinkError(`the offsets topic ${topic} has cleanup.policy=${policy || '?'}, not compact`, {
      hint: `with deletion, the position disappears after retention.ms and the bridge starts over. Run kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${topic} --add-config cleanup.policy=compact`,
    });
  }
  return 'existing';
}

const READ_TIMEOUT_MS = 30_000;

/**
 * The last position committed to the offsets topic for this slot, or null if there is none.
 *
 * Read with isolation read_committed, from the beginning to the end the topic has now, the
 * last record with the slot's key winning (what compaction would keep). read_committed stops
 * at the last stable offset and skips aborted records, so a position written by a transaction
 * that never committed is never seen. Call it after fenceEarlierInstances: before, an older
 * instance could still commit a newer position than the one read here.
 */
export async function readPosition(kafka: Kafka, admin: Admin, offsets: OffsetsTopic): Promise<Position | null> {
  // ListOffsets as kafkajs sends it asks for read_committed ends: the last stable offsets.
  const ends = await admin.fetchTopicOffsets(offsets.topic);
  const remaining = new Map(ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]));
  if (remaining.size === 0) return null;

  const latest: { value: string | null } = { value: null };
  const consumer = kafka.consumer({
    // A group of its own that commits nothing: this is a read, not a subscription.
    groupId: `cdc-lab-05-position-${crypto.randomUUID()}`,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: offsets.topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SinkError(`reading the position from ${offsets.topic} took more than ${READ_TIMEOUT_MS / 1000} s`, {
        retriable: true,
        hint: 'is the broker overloaded? The read goes to the end of the topic; a transaction left open by a producer with another transactional id holds it back until it ends',
      })), READ_TIMEOUT_MS);
      // Commit markers take offsets too and are never delivered: the end is reached when a
      // fetched batch, markers included, reaches it — which this event reports.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = remaining.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) remaining.delete(payload.partition);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          if (message.key?.toString() === offsets.key) latest.value = message.value?.toString() ?? null;
        },
      }).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return latest.value === null ? null : decodePosition(latest.value, `${offsets.topic} (key ${offsets.key})`);
}
