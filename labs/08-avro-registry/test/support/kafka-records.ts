import crypto from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { fail, type LabProcess, type StageContext } from '@cdc-lab/grading';

/** A record as the grader reads it: key and value as the bytes Kafka holds (binary, not text). */
export interface RawRecord {
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
}

/** How many records the topic holds (0 if it does not exist yet): the sum of its partitions' end offsets. */
export async function recordCount(ctx: StageContext, topic: string): Promise<number> {
  const kafka = ctx.kafka();
  if (!(await kafka.topicExists(topic))) return 0;
  const offsets = await kafka.endOffsets(topic);
  return offsets.reduce((sum, partition) => sum + Number(BigInt(partition.high) - BigInt(partition.low)), 0);
}

/**
 * Wait until the bridge has put `count` records into the topic, then read them all. Fails with
 * the bridge's output if it exits first (a TODO, an error) or if they do not come in time.
 */
export async function waitForRecords(ctx: StageContext, bridge: LabProcess, topic: string, count: number, what: string, timeoutMs = 30_000): Promise<RawRecord[]> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    seen = await recordCount(ctx, topic);
    if (seen >= count) return readRecords(ctx, topic, seen);
    if (bridge.hasExited || Date.now() > deadline) {
      fail({
        expected: `${what}: ${count} record(s) in ${topic}`,
        got: `${seen}${bridge.hasExited ? ', and the bridge exited' : ` after ${timeoutMs / 1000} s`}`,
        docs: ctx.stage.docs,
        transcript: bridge.transcript(),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Read the first `count` records of a topic, from the beginning, in partition and offset order. */
export async function readRecords(ctx: StageContext, topic: string, count: number): Promise<RawRecord[]> {
  const kafka = new Kafka({ clientId: `grader-raw-${ctx.names.id}`, brokers: ctx.kafka().brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `grader-raw-${crypto.randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  const records: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 20_000);
      consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          records.push({ partition, offset: BigInt(message.offset), key: message.key, value: message.value });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => {});
  }
  return records.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
}
