/**
 * Broken on purpose: spreads records over a topic's partitions in turn, "for throughput",
 * instead of letting the key choose. Changes of one row land in different partitions, and a
 * consumer can see them out of order. The order stage must reject it.
 */
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { kafkaBrokers, runMain } from '@cdc-lab/common';
import { ACKS_ALL } from '../../src/kafka/produce-batch.ts';
import type { RecordBatch } from '../../src/produce/record-batch.ts';
import { referenceParts, runProgram } from '../../src/program.ts';

const admin = new Kafka({ clientId: 'round-robin', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
const partitionCounts = new Map<string, number>();
let next = 0;

async function roundRobin(producer: Producer, batch: RecordBatch): Promise<void> {
  if (batch.records === 0) return;
  const topicMessages = [];
  for (const { topic, messages } of batch.topicMessages()) {
    if (!partitionCounts.has(topic)) {
      await admin.connect();
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      partitionCounts.set(topic, metadata.topics[0]!.partitions.length);
    }
    const partitions = partitionCounts.get(topic)!;
    topicMessages.push({ topic, messages: messages.map((message) => ({ ...message, partition: next++ % partitions })) });
  }
  await producer.sendBatch({ acks: ACKS_ALL, topicMessages });
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, produce: roundRobin }));
await admin.disconnect().catch(() => {});
