import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { DEFAULT_BATCH_TRANSACTIONS, parseCommand } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('the command line', () => {
  it('runs the bridge by default, with names from the environment', () => {
    const command = parseCommand([], { ...env, CDC_SLOT: 's1', CDC_TOPIC_PREFIX: 'shop' });
    expect(command.kind).toBe('run');
    if (command.kind !== 'run') return;
    expect(command.settings).toMatchObject({ slot: 's1', topicPrefix: 'shop', transactionalId: 'shop.s1', batchTransactions: DEFAULT_BATCH_TRANSACTIONS });
  });

  it('takes the transactional id from CDC_TRANSACTIONAL_ID, and the batching flags', () => {
    const command = parseCommand(['--batch-transactions', '1', '--batch-changes', '50', '--status-interval', '100'], { ...env, CDC_TRANSACTIONAL_ID: 'bridge-a' });
    expect(command).toMatchObject({ kind: 'run', settings: { transactionalId: 'bridge-a', batchTransactions: 1, batchChanges: 50, statusIntervalMs: 100 } });
  });

  it('reads the consume command and its topic', () => {
    expect(parseCommand(['consume'], { ...env, CDC_TOPIC_PREFIX: 'shop' })).toMatchObject({ kind: 'consume', settings: { topic: 'shop.exactly_once.accounts' } });
    expect(parseCommand(['consume', '--topic', 't1'], env)).toMatchObject({ kind: 'consume', settings: { topic: 't1', brokers: ['127.0.0.1:9092'] } });
    expect(() => parseCommand(['--topic', 't1'], env)).toThrow(/belongs to the consume command/);
    expect(() => parseCommand(['consume', '--batch-changes', '5'], env)).toThrow(/belongs to the run command, not consume/);
  });

  it('refuses what it cannot use, naming it', () => {
    expect(() => parseCommand(['--batch-changes', '0'], env)).toThrow(/--batch-changes must be a positive whole number/);
    expect(() => parseCommand([], { ...env, KAFKA_BROKERS: undefined })).toThrow(ConfigurationError);
    expect(() => parseCommand([], { ...env, CDC_TOPIC_PREFIX: 'a b' })).toThrow(/cannot start a topic name/);
    expect(() => parseCommand(['position', '--batch-changes', '5'], env)).toThrow(/belongs to the run command/);
    expect(() => parseCommand(['replay'], env)).toThrow(/unknown command/);
  });
});
