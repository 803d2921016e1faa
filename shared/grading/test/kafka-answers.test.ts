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
