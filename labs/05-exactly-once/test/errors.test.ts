import { describe, expect, it } from 'vitest';
import { ConfigurationError, ReplicationError, SinkError } from '@cdc-lab/common';
import { asFencedError, FencedError } from '../src/fencing.ts';
import { explainKafkaError, kafkaErrorTypes } from '../src/kafka-errors.ts';
import { worthRetrying } from '../src/retry.ts';

/** An error shaped like kafkajs's KafkaJSProtocolError: a name and a protocol error type. */
function kafkaError(type: string, { retriable = false, name = 'KafkaJSProtocolError' } = {}): Error {
  return Object.assign(new Error(`broker said ${type}`), { name, type, retriable });
}

describe('Kafka errors', () => {
  it('finds protocol error types however deeply kafkajs wrapped them', () => {
    const wrapped = Object.assign(new Error('retries exhausted'), { name: 'KafkaJSNumberOfRetriesExceeded', originalError: kafkaError('NOT_COORDINATOR') });
    expect(kafkaErrorTypes(wrapped)).toEqual(['NOT_COORDINATOR']);
    expect(kafkaErrorTypes(Object.assign(new Error('many'), { errors: [kafkaError('A'), kafkaError('B')] }))).toEqual(['A', 'B']);
  });

  it('recognises being fenced, and nothing else as that', () => {
    const fenced = asFencedError(kafkaError('INVALID_PRODUCER_EPOCH'), 'bridge-a');
    expect(fenced).toBeInstanceOf(FencedError);
    expect(fenced?.message).toMatch(/fenced: another instance with transactional id 'bridge-a' has taken over/);
    expect(asFencedError(kafkaError('PRODUCER_FENCED'), 'bridge-a')).toBeInstanceOf(FencedError);
    expect(asFencedError(kafkaError('NOT_COORDINATOR', { retriable: true }), 'bridge-a')).toBeNull();
  });

  it('starts a new session for what may pass, and stops for what cannot', () => {
    expect(worthRetrying(kafkaError('NOT_COORDINATOR', { retriable: true }))).toBe(true);
    expect(worthRetrying(kafkaError('CONCURRENT_TRANSACTIONS', { retriable: true }))).toBe(true);
    expect(worthRetrying(Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' }))).toBe(true);
    expect(worthRetrying(kafkaError('TOPIC_AUTHORIZATION_FAILED'))).toBe(false);
    expect(worthRetrying(kafkaError('MESSAGE_TOO_LARGE'))).toBe(false);
    expect(worthRetrying(new ReplicationError('the replication connection was lost', { retriable: true }))).toBe(true);
    expect(worthRetrying(new ConfigurationError('DATABASE_URL is not set'))).toBe(false);
    expect(worthRetrying(new TypeError('a bug'))).toBe(false);
  });

  it('starts a new session when Postgres is going away, even behind an explanation', () => {
    const starting = Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
    expect(worthRetrying(starting)).toBe(true);
    expect(worthRetrying(new ReplicationError('Postgres refused the replication connection', { cause: starting }))).toBe(true);
    expect(worthRetrying(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(worthRetrying(new ReplicationError('Postgres refused START_REPLICATION', { cause: Object.assign(new Error('syntax'), { code: '42601' }) }))).toBe(false);
  });

  it('says what to do about a batch the broker finds too large', () => {
    expect(explainKafkaError(kafkaError('MESSAGE_TOO_LARGE'))).toBeInstanceOf(SinkError);
    expect(explainKafkaError(kafkaError('MESSAGE_TOO_LARGE'))?.hint).toMatch(/--batch-bytes/);
    expect(explainKafkaError(kafkaError('NOT_COORDINATOR'))).toBeNull();
  });
});
