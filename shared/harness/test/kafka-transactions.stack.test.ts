/**
 * The reason the stack runs the Kafka version it does: labs 5 to 9 rely on kafkajs
 * transactions, so each transactional operation they use is exercised here against the real
 * broker. If a Kafka upgrade breaks one of them, this file says which.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { KAFKA_VERSION } from '../src/index.ts';
import { brokersFromEnv } from './stack-env.ts';

const brokers = brokersFromEnv();
const kafka = new Kafka({ clientId: 'txn-check', brokers, logLevel: logLevel.NOTHING });
const run = crypto.randomBytes(4).toString('hex');
const topic = `txn-check-${run}`;
let admin: Admin;
const opened: (Producer | Consumer)[] = [];

function transactionalProducer(transactionalId: string): Producer {
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  opened.push(producer);
  return producer;
}

/** Everything a read_committed consumer sees on the topic, from the beginning. */
async function committedValues(): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `txn-check-reader-${crypto.randomUUID()}`, readUncommitted: false });
  opened.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const offsets = await admin.fetchTopicOffsets(topic);
  const end = Number(offsets[0]!.high);
  const values: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => resolve(), 10_000);
    consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value?.toString() ?? '');
        // Transaction markers take offsets too, so stop at the log end rather than a count.
        if (Number(message.offset) >= end - 2) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  return values;
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
});

afterAll(async () => {
  for (const client of opened) await client.disconnect().catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

describe(`kafkajs transactions against Apache Kafka ${KAFKA_VERSION}`, () => {
  it('initialises a transactional producer, sends, commits, and sends consumer offsets in the transaction', async () => {
    const producer = transactionalProducer(`txn-check-commit-${run}`);
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages: [{ key: 'k', value: 'committed-1' }, { key: 'k', value: 'committed-2' }] });
    await transaction.sendOffsets({ consumerGroupId: `txn-check-group-${run}`, topics: [{ topic, partitions: [{ partition: 0, offset: '2' }] }] });
    await transaction.commit();

    // EndTxn returns once the commit is decided; the markers that make the offsets readable
    // are written just after, so a reader polls briefly instead of reading once.
    await expect.poll(async () => {
      const committed = await admin.fetchOffsets({ groupId: `txn-check-group-${run}`, topics: [topic] });
      return committed[0]!.partitions[0]!.offset;
    }, { timeout: 10_000, interval: 100 }).toBe('2');
  });

  it('hides aborted records from read_committed consumers', async () => {
    const producer = transactionalProducer(`txn-check-abort-${run}`);
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ key: 'k', value: 'aborted' }] });
    await aborted.abort();
    const kept = await producer.transaction();
    await kept.send({ topic, messages: [{ key: 'k', value: 'committed-3' }] });
    await kept.commit();

    expect(await committedValues()).toEqual(['committed-1', 'committed-2', 'committed-3']);
  });

  it('fences a zombie: a second producer with the same transactional id makes the first one fail', async () => {
    const transactionalId = `txn-check-fence-${run}`;
    const zombie = transactionalProducer(transactionalId);
    await zombie.connect();
    const zombieTransaction = await zombie.transaction();
    await zombieTransaction.send({ topic, messages: [{ key: 'k', value: 'from-zombie' }] });

    // The new instance's initTransactions bumps the epoch and aborts the zombie's open transaction.
    const successor = transactionalProducer(transactionalId);
    await successor.connect();
    const successorTransaction = await successor.transaction();
    await successorTransaction.send({ topic, messages: [{ key: 'k', value: 'from-successor' }] });
    await successorTransaction.commit();

    await expect(zombieTransaction.commit()).rejects.toMatchObject({
      type: expect.stringMatching(/INVALID_PRODUCER_EPOCH|PRODUCER_FENCED/),
    });
    const values = await committedValues();
    expect(values).toContain('from-successor');
    expect(values).not.toContain('from-zombie');
  });
});
