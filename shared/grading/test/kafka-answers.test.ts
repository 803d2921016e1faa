import { describe, expect, it } from 'vitest';
import { isRetriableKafkaAnswer } from '../src/kafka.ts';

const kafkaError = (name: string, fields: Record<string, unknown>) => Object.assign(new Error('broker said no'), { name, ...fields });

describe('a broker\'s "not now"', () => {
  it('is a retriable kafkajs error, or kafkajs giving up on one', () => {
    const notLeader = kafkaError('KafkaJSProtocolError', { type: 'NOT_LEADER_FOR_PARTITION', retriable: true });
    expect(isRetriableKafkaAnswer(notLeader)).toBe(true);
    expect(isRetriableKafkaAnswer(kafkaError('KafkaJSNumberOfRetriesExceeded', { retriable: false, originalError: notLeader }))).toBe(true);
  });

  it('is not a refusal that stays, nor an error of the grader\'s own', () => {
    expect(isRetriableKafkaAnswer(kafkaError('KafkaJSProtocolError', { type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false }))).toBe(false);
    expect(isRetriableKafkaAnswer(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('a broker that does not answer its metadata request yet', () => {
  it('is a KafkaJS… error the waits ask again after, not kafkajs\'s own TypeError', async () => {
    const { TestKafka } = await import('../src/kafka.ts');
    const kafka = new TestKafka(['127.0.0.1:1'], 'test');
    // kafkajs's listTopics when its broker pool finds no broker that answers.
    const admin = { listTopics: async () => { const { topicMetadata } = null as unknown as { topicMetadata: string[] }; return topicMetadata; } };
    kafka.adminClient = async () => admin as never;
    const failure = await kafka.topicExists('t').catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('KafkaJSNoBrokerAnswered');
    expect((failure as Error).message).toMatch(/no broker answered the metadata request/);
  });
});
