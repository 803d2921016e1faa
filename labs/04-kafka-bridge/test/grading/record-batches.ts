import crypto from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/**
 * How the records of a topic were produced: Kafka stores the records of one produce request
 * for one partition as one record batch, and a consumer sees each record's batch (kafkajs
 * keeps the batch header beside each message as `batchContext`). Many records per batch means
 * the producer batched; one per batch means a request per record.
 */
export async function recordBatches(brokers: string[], topic: string, expected: number, timeoutMs = 20_000): Promise<{ records: number; batches: number }> {
  if (expected <= 0) return { records: 0, batches: 0 };
  const kafka = new Kafka({ clientId: 'grader-batches', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `grader-batches-${crypto.randomUUID()}`, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  const batches = new Set<string>();
  let records = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const context = (message as unknown as { batchContext?: { firstOffset?: string } }).batchContext;
            batches.add(`${batch.partition}:${context?.firstOffset ?? message.offset}`);
            records += 1;
          }
          if (records >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return { records, batches: batches.size };
}
