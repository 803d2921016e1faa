import crypto from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { SinkError } from '@cdc-lab/common';

/** One record of a topic, as text. */
export interface TopicRecord {
  partition: number;
  offset: bigint;
  key: string | null;
  /** null for a tombstone. */
  value: string | null;
}

/**
 * Which records a read sees. `read_committed` stops at the last stable offset (the start of the
 * oldest transaction still open) and leaves out the records of aborted transactions;
 * `read_uncommitted` sees every record in the log, aborted ones included.
 */
export type Isolation = 'read_committed' | 'read_uncommitted';

const READ_TIMEOUT_MS = 30_000;

/**
 * Every record of a topic, from its beginning to the end it has now, in offset order per
 * partition: consumer plumbing, so that the decision of what to do with them stays with the
 * caller. A consumer of its own (a fresh group that commits nothing) reads; the end is the
 * high offset ListOffsets reports when the read begins.
 *
 * Knowing when the end is reached is the one subtle part: commit and abort markers take
 * offsets and are never delivered, so the last record is usually not at the last offset.
 * kafkajs reports every fetched batch, markers included, with END_BATCH_PROCESS; a partition
 * is done when a batch's last offset reaches its end.
 */
export async function readToEnd(kafka: Kafka, admin: Admin, topic: string, { isolation }: { isolation: Isolation }): Promise<TopicRecord[]> {
  // kafkajs asks ListOffsets for read_committed ends (the last stable offsets). A
  // read_uncommitted read stops there too: what lies beyond belongs to open transactions.
  const ends = await admin.fetchTopicOffsets(topic);
  const endOf = new Map(ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]));
  const remaining = new Map(endOf);
  const records: TopicRecord[] = [];
  if (remaining.size === 0) return records;

  const consumer = kafka.consumer({
    groupId: `cdc-lab-05-read-${crypto.randomUUID()}`,
    readUncommitted: isolation === 'read_uncommitted',
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SinkError(`reading ${topic} to its end took more than ${READ_TIMEOUT_MS / 1000} s`, {
        retriable: true,
        hint: 'is the broker overloaded? The read goes to the end of the topic; a transaction left open by a producer with another transactional id holds it back until it ends',
      })), READ_TIMEOUT_MS);
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
        eachMessage: async ({ partition, message }) => {
          const end = endOf.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) return;
          records.push({ partition, offset: BigInt(message.offset), key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
        },
      }).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
