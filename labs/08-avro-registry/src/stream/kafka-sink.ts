import type { Message } from 'kafkajs';
import { connectKafka, type KafkaConnection } from '@cdc-lab/04-kafka-bridge/kafka/client';
import { explainKafkaError } from '@cdc-lab/04-kafka-bridge/kafka/errors';
import { TopicCreator } from '@cdc-lab/04-kafka-bridge/kafka/topics';
import type { AvroRecord } from './avro-records.ts';

/**
 * Lab 4's producer (idempotent, acks = all, one request in flight, the Java partitioner), used
 * one batch at a time: send resolves only once Kafka has acknowledged every record of it.
 * Keys are bytes now, and the partitioner hashes those bytes — so a row's records stay in one
 * partition as long as its key schema id does not change.
 */
export class KafkaSink {
  private constructor(private readonly kafka: KafkaConnection, private readonly topics: TopicCreator, private readonly brokers: readonly string[]) {}

  static async connect(brokers: readonly string[], report: (line: string) => void): Promise<KafkaSink> {
    const kafka = await connectKafka(brokers, 'cdc-lab-08-bridge');
    return new KafkaSink(kafka, new TopicCreator(kafka.admin, report), brokers);
  }

  async send(records: readonly AvroRecord[]): Promise<void> {
    if (records.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({ key: record.key, value: record.value, headers: record.headers });
      byTopic.set(record.topic, messages);
    }
    try {
      await this.topics.ensure(byTopic.keys());
      await this.kafka.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      throw explainKafkaError(error, this.brokers);
    }
  }

  async close(): Promise<void> {
    await this.kafka.disconnect();
  }
}
