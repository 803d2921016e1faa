import type { SeenRecord, TestKafka } from '@cdc-lab/grading';
import { Lsn } from '@cdc-lab/common';

/** The offsets topic's name, as the chapter fixes it. */
export function offsetsTopic(topicPrefix: string): string {
  return `${topicPrefix}.offsets`;
}

/**
 * Read a topic from its start with read_committed. A topic the bridge has just created may not
 * have a leader the grader's client knows of yet (NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE):
 * such errors are retried for a few seconds.
 */
export async function readCommittedTopic(kafka: TestKafka, topic: string): Promise<SeenRecord[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await kafka.readTopic(topic, { isolation: 'read_committed', timeoutMs: 60_000 });
    } catch (error) {
      const kafkaError = error instanceof Error && error.name.startsWith('KafkaJS');
      if (!kafkaError || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** Where a topic ends now (read_committed: the last stable offset). */
export async function endOffset(kafka: TestKafka, topic: string): Promise<bigint> {
  const ends = await kafka.endOffsets(topic);
  return ends.reduce((sum, end) => sum + BigInt(end.high), 0n);
}

export async function cleanupPolicy(kafka: TestKafka, topic: string): Promise<string> {
  const admin = await kafka.adminClient();
  // 2 is ConfigResourceTypes.TOPIC (kafkajs's CommonJS enum is not visible to ESM imports).
  const described = await admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }], includeSynonyms: false });
  return described.resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue ?? '?';
}

export interface StoredPosition {
  key: string | null;
  commitLsn: Lsn;
  index: number;
  complete: boolean;
  raw: string;
}

/** A record of the offsets topic, read as the chapter documents it; null if it is not one. */
export function storedPosition(record: SeenRecord): StoredPosition | null {
  if (record.value === null) return null;
  try {
    const value = JSON.parse(record.value) as { commitLsn?: unknown; index?: unknown; complete?: unknown };
    if (typeof value.commitLsn !== 'string' || !Number.isInteger(value.index) || typeof value.complete !== 'boolean') return null;
    return { key: record.key, commitLsn: Lsn.parse(value.commitLsn), index: value.index as number, complete: value.complete, raw: record.value };
  } catch {
    return null;
  }
}
