import type { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { SinkError } from '@cdc-lab/common';
import { decodePosition, type Position } from './position.ts';
import { readToEnd } from './read-to-end.ts';

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

/**
 * The position to resume from: the last position committed to the offsets topic for this
 * slot, or null if there is none.
 *
 * Only a committed position is true: a transaction that was aborted (or is still open, and
 * will be aborted by the fence) never made its events visible, so its position names changes
 * no consumer will see. The last record with the slot's key wins, as compaction would decide;
 * a tombstone for the key means the position was deleted. Call it after fenceEarlierInstances:
 * before, an older instance could still commit a newer position than the one read here.
 */
export async function readPosition(kafka: Kafka, admin: Admin, offsets: OffsetsTopic): Promise<Position | null> {
  const records = await readToEnd(kafka, admin, offsets.topic, { isolation: 'read_committed' });
  const latest = records.filter((record) => record.key === offsets.key).at(-1);
  if (!latest?.value) return null;
  return decodePosition(latest.value, `${offsets.topic} (key ${offsets.key})`);
}
