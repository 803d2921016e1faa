import crypto from 'node:crypto';
import { Kafka, logLevel, type Admin, type IHeaders } from 'kafkajs';
import { fail } from './failure.ts';

/** One Kafka record as a grader sees it: decoded key and value, headers as strings. */
export interface SeenRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface ReadOptions {
  /** read_committed hides records of aborted and still-open transactions (lab 5 needs it). */
  isolation?: 'read_committed' | 'read_uncommitted';
  timeoutMs?: number;
}

/** A broker's answer that says "not now" rather than "no": kafkajs marks those retriable. */
export function isRetriableKafkaAnswer(error: unknown): boolean {
  if (!(error instanceof Error) || !error.name.startsWith('KafkaJS')) return false;
  // kafkajs gives up after its own retries with an error that carries the broker's answer.
  const { retriable, originalError } = error as Error & { retriable?: boolean; originalError?: unknown };
  return retriable === true || (originalError !== undefined && isRetriableKafkaAnswer(originalError));
}

/**
 * Kafka for one test: it deletes, at the end, every topic whose name starts with the test's
 * prefix, and reads topics the way a fresh consumer would, from the first offset to the end.
 */
export class TestKafka {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(readonly brokers: string[], readonly topicPrefix: string) {
    this.kafka = new Kafka({ clientId: `grader-${topicPrefix}`, brokers, logLevel: logLevel.NOTHING });
  }

  async adminClient(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /** Topics of this test (those starting with its prefix), sorted. */
  async topics(): Promise<string[]> {
    return (await this.listTopics()).filter((topic) => topic.startsWith(this.topicPrefix)).sort();
  }

  /**
   * Every topic of the cluster. When no broker answers its metadata request (a broker just
   * woken from a pause, whose old connections are dead), kafkajs's listTopics fails with a
   * TypeError of its own making (its broker pool returns null, which it then destructures).
   * That is Kafka not answering yet, so it is reported as a KafkaJS… error, which every wait
   * treats as "ask again" (isKafkaAnswer).
   */
  private async listTopics(): Promise<string[]> {
    const admin = await this.adminClient();
    try {
      return await admin.listTopics();
    } catch (error) {
      if (error instanceof TypeError && /topicMetadata/.test(error.message)) {
        const unanswered = new Error(`no broker answered the metadata request (${error.message})`, { cause: error });
        unanswered.name = 'KafkaJSNoBrokerAnswered';
        throw unanswered;
      }
      throw error;
    }
  }

  /**
   * Read every record of `topic` from the beginning up to the end it had when the call began.
   * A partition is finished when a record at its last offset arrives. Transaction markers
   * take offsets too and are never delivered, in either isolation mode, so a topic written
   * transactionally may end in a marker: kafkajs still reports each fetched batch, markers
   * included, with its last offset (END_BATCH_PROCESS), and that finishes the partition too.
   * Failing both, once no record has arrived for `quietMs` (several fetch cycles) after the
   * first fetch came back, the read is over.
   */
  async readTopic(topic: string, { isolation = 'read_uncommitted', timeoutMs = 30_000, quietMs = 1_000 }: ReadOptions & { quietMs?: number } = {}): Promise<SeenRecord[]> {
    const ends = await this.endOffsets(topic);
    const remaining = new Map(ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]));
    const records: SeenRecord[] = [];
    if (remaining.size === 0) return records;

    const consumer = this.kafka.consumer({
      groupId: `grader-read-${crypto.randomUUID()}`,
      readUncommitted: isolation === 'read_uncommitted',
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 200,
    });
    // Quiet time counts only once a fetch has come back: joining the group, finding the first
    // offset and the first fetch take a while on a busy machine, and nothing can arrive before.
    let lastActivity = Number.POSITIVE_INFINITY;
    consumer.on(consumer.events.FETCH, () => {
      if (lastActivity === Number.POSITIVE_INFINITY) lastActivity = Date.now();
    });
    const finish = (partition: number, offset: string) => {
      const end = remaining.get(partition);
      if (end !== undefined && BigInt(offset) + 1n >= end) remaining.delete(partition);
    };
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic === topic) finish(payload.partition, payload.lastOffset);
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const watch = setInterval(() => {
          const quiet = Date.now() - lastActivity > quietMs;
          if (remaining.size === 0 || quiet || Date.now() - started > timeoutMs) {
            clearInterval(watch);
            resolve();
          }
        }, 50);
        consumer.run({
          autoCommit: false,
          eachMessage: async ({ topic: from, partition, message }) => {
            lastActivity = Date.now();
            records.push(toSeen(from, partition, message));
            finish(partition, message.offset);
          },
        }).catch((error: unknown) => {
          clearInterval(watch);
          reject(error);
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  /**
   * Where each partition of a topic ends. A topic created a moment ago (a program's producer
   * creates its topics as it first writes) may have no leader yet, and a broker that has just
   * come back takes its partitions back one by one: the broker then answers with a retriable
   * error (LEADER_NOT_AVAILABLE, NOT_LEADER_OR_FOLLOWER). Ask again until it has a leader.
   */
  async endOffsets(topic: string, { timeoutMs = 15_000 }: { timeoutMs?: number } = {}): Promise<{ partition: number; high: string; low: string }[]> {
    const admin = await this.adminClient();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await admin.fetchTopicOffsets(topic);
      } catch (error) {
        if (!isRetriableKafkaAnswer(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Wait until `topic` holds at least `count` records, then return them all. */
  async waitForRecords(topic: string, count: number, { timeoutMs = 20_000, isolation, what }: ReadOptions & { what?: string } = {}): Promise<SeenRecord[]> {
    const deadline = Date.now() + timeoutMs;
    let seen: SeenRecord[] = [];
    for (;;) {
      if (await this.topicExists(topic)) {
        seen = await this.readTopic(topic, { ...(isolation ? { isolation } : {}), timeoutMs: Math.max(1_000, deadline - Date.now()) });
        if (seen.length >= count) return seen;
      }
      if (Date.now() > deadline) {
        fail({
          expected: `${what ?? `${count} record(s)`} in topic ${topic} within ${(timeoutMs / 1000).toFixed(1)} s`,
          got: `${seen.length} record(s)`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  async topicExists(topic: string): Promise<boolean> {
    return (await this.listTopics()).includes(topic);
  }

  async createTopic(topic: string, partitions = 1, configEntries: { name: string; value: string }[] = []): Promise<void> {
    const admin = await this.adminClient();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, configEntries }], waitForLeaders: true });
  }

  /** Delete this test's topics and disconnect. */
  async cleanup(): Promise<void> {
    try {
      const topics = await this.topics();
      if (topics.length > 0) await (await this.adminClient()).deleteTopics({ topics });
    } finally {
      await this.admin?.disconnect();
      this.admin = undefined;
    }
  }
}

function toSeen(topic: string, partition: number, message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders; timestamp: string }): SeenRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers,
    timestamp: message.timestamp,
  };
}
