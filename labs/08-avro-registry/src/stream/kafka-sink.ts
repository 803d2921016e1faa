import { connectKafka, type KafkaConnection } from '@cdc-lab/04-kafka-bridge/kafka/client';
import { explainKafkaError } from '@cdc-lab/04-kafka-bridge/kafka/errors';
import { explainOversizedEvent } from '@cdc-lab/04-kafka-bridge/kafka/oversized';
import { produceBatch } from '@cdc-lab/04-kafka-bridge/kafka/produce-batch';
import { TopicCreator } from '@cdc-lab/04-kafka-bridge/kafka/topics';
import type { SendBatch } from '@cdc-lab/04-kafka-bridge/produce/pipeline';

/**
 * Lab 4's producer (idempotent, acks = all, one request in flight, the Java partitioner) and its
 * produce request, as the `send` of lab 4's pipeline: each batch creates its topics if they are
 * new, then goes out in one request, and resolves once Kafka has acknowledged every record.
 * Keys are bytes now, and the partitioner hashes those bytes — so a row's records stay in one
 * partition as long as its key schema id does not change.
 */
export class KafkaSink {
  private constructor(private readonly kafka: KafkaConnection, private readonly topics: TopicCreator, private readonly brokers: readonly string[]) {}

  static async connect(brokers: readonly string[], report: (line: string) => void): Promise<KafkaSink> {
    const kafka = await connectKafka(brokers, 'cdc-lab-08-bridge');
    return new KafkaSink(kafka, new TopicCreator(kafka.admin, report), brokers);
  }

  readonly send: SendBatch = async (batch) => {
    try {
      await this.topics.ensure(batch.topics());
      await produceBatch(this.kafka.producer, batch);
    } catch (error) {
      throw (await explainOversizedEvent(error, batch.largest(), this.kafka.admin, this.brokers)) ?? explainKafkaError(error, this.brokers);
    }
  };

  async close(): Promise<void> {
    await this.kafka.disconnect();
  }
}
