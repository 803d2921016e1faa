import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { SinkError } from '@cdc-lab/common';
import { explainOversizedRecord, isTooLarge } from '@cdc-lab/04-kafka-bridge/kafka/oversized';
import { ensureTopics, kafkaClient } from '../kafka.ts';

/** One Kafka record the relay sends: an outbox event, routed, keyed and labelled. */
export interface OutboxRecord {
  topic: string;
  /** The aggregate id: one aggregate's events share a partition, and so keep their order. */
  key: string;
  /** The payload, as the service wrote it (JSON text); null for an event without one. */
  value: string | null;
  /** Debezium's outbox event router puts the event id in a header `id`; `type` goes beside it. */
  headers: { id: string; type: string };
}

/**
 * The relay's sink: a producer that sends a batch and resolves only when Kafka has
 * acknowledged every record of it — acks = all, so the records are on every in-sync replica.
 * Idempotent, with one request in flight: a retry after a lost answer does not write the
 * record twice, and does not let a later batch overtake an earlier one. (That covers retries
 * within one run only. A relay that crashes and resends after a restart writes duplicates;
 * the consumer's inbox absorbs those.)
 */
export class KafkaSink {
  private readonly knownTopics = new Set<string>();

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly brokers: readonly string[],
    private readonly sendDelayMs: number,
  ) {}

  /** `sendDelayMs` (--send-delay) makes every send wait first, like a slow broker: a teaching aid. */
  static async connect(brokers: string[], clientId: string, { sendDelayMs = 0 }: { sendDelayMs?: number } = {}): Promise<KafkaSink> {
    const kafka = kafkaClient(brokers, clientId);
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java client's partitioner (murmur2 of the key): the same key lands on the same
      // partition whichever client wrote it — Debezium's included.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      await producer.connect();
    } catch (error) {
      throw unreachable(brokers, error);
    }
    return new KafkaSink(kafka, producer, brokers, sendDelayMs);
  }

  /** Send the records, in order; resolves once all are acknowledged, rejects if any is not. */
  async send(records: readonly OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (this.sendDelayMs > 0) await sleep(this.sendDelayMs);
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({ key: record.key, value: record.value, headers: { id: record.headers.id, type: record.headers.type } });
      byTopic.set(record.topic, messages);
    }
    try {
      const newTopics = [...byTopic.keys()].filter((topic) => !this.knownTopics.has(topic));
      if (newTopics.length > 0) {
        await ensureTopics(this.kafka, newTopics);
        for (const topic of newTopics) this.knownTopics.add(topic);
      }
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      const refused = await this.explainRefusal(error, records);
      if (refused) throw refused;
      throw new SinkError(`Kafka did not acknowledge ${records.length} record(s): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        retriable: true,
        hint: 'nothing unacknowledged was confirmed to the slot: once Kafka is back, run the relay again and it resends from the last confirmed transaction',
      });
    }
  }

  /**
   * An event too large for its topic is refused for good: name it (type, id, aggregate), its
   * size and the limit, and the ways out, rather than "did not acknowledge", which suggests
   * waiting for Kafka to come back.
   */
  private async explainRefusal(error: unknown, records: readonly OutboxRecord[]): Promise<SinkError | null> {
    if (!isTooLarge(error)) return null;
    const sized = records.map((record) => ({ record, bytes: Buffer.byteLength(record.key) + Buffer.byteLength(record.value ?? '') }));
    const { record, bytes } = sized.reduce((largest, candidate) => (candidate.bytes > largest.bytes ? candidate : largest));
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      return await explainOversizedRecord(error, {
        topic: record.topic,
        bytes,
        what: `outbox event ${record.headers.type} ${record.headers.id} (aggregate id ${record.key})`,
      }, admin, this.brokers, ['or keep events small: store the large document elsewhere and put a reference to it in the payload']);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => {});
  }
}

function unreachable(brokers: string[], error: unknown): SinkError {
  return new SinkError(`cannot reach Kafka at ${brokers.join(',')}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
    retriable: true,
    hint: 'is the stack running? pnpm stack status shows it; check KAFKA_BROKERS',
  });
}
