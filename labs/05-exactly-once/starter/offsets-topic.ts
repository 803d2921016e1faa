import type { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { SinkError, todo } from '@cdc-lab/common';
import { decodePosition, type Position } from '../src/position.ts';
import { readToEnd } from '../src/read-to-end.ts';

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
  // TODO: make sure the position has a topic that keeps it for ever. Create the topic with the
  //   cleanup policy that keeps the latest record of every key (one partition is enough) and
  //   say 'created'. If it already exists — who else might have created it, and with which
  //   policy? — read its cleanup.policy (describeConfigs, resource type TOPIC_RESOURCE) and
  //   refuse one that is not compacted with a SinkError that says how to fix it; else say
  //   'existing'.
  return todo('keeping the offsets topic compacted', 'docs/05-exactly-once.md#the-offsets-topic');
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
  // TODO: decide which position this bridge resumes from. readToEnd (read-to-end.ts) gives you
  //   every record of the topic up to its current end — but which isolation may you read
  //   with, and what would a position from an aborted transaction make you skip? Several
  //   slots can share the topic, and each batch added a record: which one is yours, and which
  //   of yours counts? What do no record, or a tombstone, mean? Turn the value into a
  //   Position with decodePosition.
  return todo('reading the position from the offsets topic', 'docs/05-exactly-once.md#resuming');
}
