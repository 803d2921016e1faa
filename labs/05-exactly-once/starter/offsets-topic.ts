import crypto from 'node:crypto';
import type { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { SinkError, todo } from '@cdc-lab/common';
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
  // TODO: read the offsets topic with a consumer of its own (kafka.consumer({ groupId: a fresh
  //   one, readUncommitted: false })), from the beginning to the end it has now
  //   (admin.fetchTopicOffsets gives the last stable offsets; an empty topic means no position).
  //   Keep the value of the last record whose key is offsets.key, and decode it with
  //   decodePosition. Commit markers take offsets and are never delivered: the consumer's
  //   END_BATCH_PROCESS event (payload.lastOffset) tells when the end has been reached.
  return todo('reading the position from the offsets topic', 'docs/05-exactly-once.md#resuming');
}
