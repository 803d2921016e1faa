import { SinkError } from '@cdc-lab/common';
import { kafkaRecordsFor, serializeRecord, type ChangeEvent, type TopicRouting } from '@cdc-lab/04-kafka-bridge/envelope';
import { Kafka, Partitioners, logLevel, type Admin, type Producer } from 'kafkajs';

/** acks=-1: a batch counts as written once every in-sync replica has it. */
const ACKS_ALL = -1;
/**
 * Records per produce request. A partition's records travel as one record batch, which the
 * broker refuses above message.max.bytes (1 MB by default): a 5,000-row chunk must go in parts.
 */
const RECORDS_PER_REQUEST = 500;

/**
 * At-least-once delivery, the rule of lab 4 in its simplest form: `send` resolves only when
 * Kafka has acknowledged every record, and only then does the caller record progress (confirm
 * the LSN, or write the snapshot's bookmark). Idempotent, one request in flight: what is
 * acknowledged is always a prefix of what was sent, and the key picks the partition (murmur2,
 * as Debezium's Java producer), so all events of a row stay in order in one partition.
 */
export class KafkaSink {
  private readonly known = new Set<string>();

  private constructor(private readonly producer: Producer, private readonly admin: Admin, private readonly routing: TopicRouting) {}

  static async connect(brokers: readonly string[], routing: TopicRouting): Promise<KafkaSink> {
    const kafka = new Kafka({ clientId: 'cdc-lab-06', brokers: [...brokers], connectionTimeout: 3_000, logLevel: logLevel.ERROR });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    const admin = kafka.admin();
    try {
      await producer.connect();
      await admin.connect();
    } catch (error) {
      throw new SinkError(`cannot reach Kafka at ${brokers.join(',')}: ${(error as Error).message}`, { retriable: true, hint: 'check KAFKA_BROKERS and that the broker is up (pnpm stack status)' });
    }
    const sink = new KafkaSink(producer, admin, routing);
    for (const topic of await admin.listTopics()) sink.known.add(topic);
    return sink;
  }

  /** Send the events' records (a delete adds its tombstone) and wait for Kafka's acknowledgement. */
  async send(events: readonly ChangeEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += RECORDS_PER_REQUEST) {
      await this.sendPart(events.slice(start, start + RECORDS_PER_REQUEST));
    }
  }

  private async sendPart(events: readonly ChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, { key: string | null; value: string | null; headers: Record<string, string> }[]>();
    for (const event of events) {
      for (const record of kafkaRecordsFor(event, this.routing).map(serializeRecord)) {
        let messages = byTopic.get(record.topic);
        if (!messages) byTopic.set(record.topic, (messages = []));
        messages.push({ key: record.key, value: record.value, headers: record.headers });
      }
    }
    const missing = [...byTopic.keys()].filter((topic) => !this.known.has(topic));
    if (missing.length > 0) {
      await this.admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
      for (const topic of missing) this.known.add(topic);
    }
    await this.producer.sendBatch({ acks: ACKS_ALL, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }

  async disconnect(): Promise<void> {
    const patience = new Promise((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]), patience]);
  }
}
