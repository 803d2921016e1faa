/**
 * A private stack must really be separate (its own Postgres and broker) and controllable:
 * a frozen broker answers nothing until it is resumed; a restarted one keeps its topics.
 */
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { PrivateStack } from '../src/private-stack.ts';

describe('PrivateStack', () => {
  it('runs its own services, which can be frozen, resumed and restarted', async () => {
    const stack = await PrivateStack.start(['kafka']);
    try {
      expect(stack.env.KAFKA_BROKERS).not.toBe(inject('stackEnv').KAFKA_BROKERS);
      const kafka = new Kafka({ brokers: stack.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING, requestTimeout: 1_000, retry: { retries: 0 } });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'private-topic' }], waitForLeaders: true });

      stack.pause('kafka');
      await expect(admin.listTopics()).rejects.toThrow();
      stack.resume('kafka');
      await expect.poll(() => admin.listTopics().catch(() => []), { timeout: 10_000 }).toContain('private-topic');
      await admin.disconnect();

      await stack.restart('kafka');
      const again = kafka.admin();
      await again.connect();
      expect(await again.listTopics()).toContain('private-topic');
      await again.disconnect();
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
