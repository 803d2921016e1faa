import crypto from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** One Kafka record as read back: key and value as text (a tombstone's value is null). */
export interface TopicRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export function kafkaClient(brokers: string[], clientId = 'cdc-lab-09'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

export async function topicsStartingWith(admin: Admin, prefix: string): Promise<string[]> {
  return (await admin.listTopics()).filter((topic) => topic.startsWith(prefix)).sort();
}

/**
 * Every committed record of `topics`, from the first offset to the end each partition had when
 * the call began. Read with read_committed, as Debezium's records are written in Kafka
 * transactions (exactly-once source support): a transaction's records appear all at once, and
 * its commit marker takes an offset that no consumer ever sees — so a partition may end in a
 * marker, and the read also ends after `quietMs` without a record.
 */
export async function readTopics(kafka: Kafka, topics: readonly string[], { quietMs = 1500, timeoutMs = 30_000 } = {}): Promise<TopicRecord[]> {
  if (topics.length === 0) return [];
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const end of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(end.high) > BigInt(end.low)) remaining.set(`${topic}/${end.partition}`, BigInt(end.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const records: TopicRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `cdc-lab-09-read-${crypto.randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 200 });
  let lastActivity = Number.POSITIVE_INFINITY;
  consumer.on(consumer.events.GROUP_JOIN, () => (lastActivity = Date.now()));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const watch = setInterval(() => {
        if (remaining.size === 0 || Date.now() - lastActivity > quietMs || Date.now() - started > timeoutMs) {
          clearInterval(watch);
          resolve();
        }
      }, 50);
      consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          lastActivity = Date.now();
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
          records.push({ topic, partition, offset: BigInt(message.offset), key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
          const end = remaining.get(`${topic}/${partition}`);
          if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(`${topic}/${partition}`);
        },
      }).catch((error: unknown) => {
        clearInterval(watch);
        reject(error);
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}
