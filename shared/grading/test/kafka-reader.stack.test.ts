/**
 * Graders judge Kafka output with TestKafka, so it must read exactly what is there: every
 * record up to the end, aborted transactions hidden under read_committed, and a clear failure
 * when the records a grader waits for never come.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { GradeFailure } from '../src/failure.ts';
import { TestKafka } from '../src/kafka.ts';
import { testNames } from '../src/names.ts';

const brokers = inject('stackEnv').KAFKA_BROKERS!.split(',');
const names = testNames(0, 'kafka-reader');
const reader = new TestKafka(brokers, names.topicPrefix);
const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });

afterAll(async () => {
  await reader.cleanup();
  expect(await reader.topics()).toEqual([]);
});

describe('TestKafka', () => {
  it('reads a topic to its end, across partitions, with keys and headers', async () => {
    const topic = `${names.topicPrefix}.plain`;
    await reader.createTopic(topic, 3);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 7}`, value: `v${i}`, headers: { seq: String(i) } })),
    });
    await producer.disconnect();

    const records = await reader.readTopic(topic);
    expect(records).toHaveLength(30);
    expect(new Set(records.map((record) => record.value))).toEqual(new Set(Array.from({ length: 30 }, (_, i) => `v${i}`)));
    const first = records.find((record) => record.value === 'v0')!;
    expect(first).toMatchObject({ key: 'k0', headers: { seq: '0' } });
  });

  it('hides aborted and shows committed transactions under read_committed, ending at the markers', async () => {
    const topic = `${names.topicPrefix}.txn`;
    await reader.createTopic(topic);
    const producer = kafka.producer({ transactionalId: `${names.transactionalId}-reader`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const [value, outcome] of [['a', 'commit'], ['b', 'abort'], ['c', 'commit']] as const) {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: [{ key: 'k', value }] });
      await (outcome === 'commit' ? transaction.commit() : transaction.abort());
    }
    await producer.disconnect();

    expect((await reader.readTopic(topic, { isolation: 'read_committed' })).map((record) => record.value)).toEqual(['a', 'c']);
    expect((await reader.readTopic(topic)).map((record) => record.value)).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing for an empty topic, without waiting', async () => {
    const topic = `${names.topicPrefix}.empty`;
    await reader.createTopic(topic);
    const started = Date.now();
    expect(await reader.readTopic(topic)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails with what it expected and what it saw when records do not come', async () => {
    const topic = `${names.topicPrefix}.plain`;
    const failure = await reader.waitForRecords(topic, 31, { timeoutMs: 1_500, what: '31 change events' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GradeFailure);
    expect((failure as Error).message).toMatch(/^Expected 31 change events in topic \S+\.plain within 1\.5 s\ngot 30 record\(s\)/);
  });
});
