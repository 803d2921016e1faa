import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { parseCommand } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', KAFKA_BROKERS: 'localhost:9092' };

describe('parseCommand', () => {
  it('streams by default, with the lab defaults', () => {
    expect(parseCommand([], env)).toEqual({
      kind: 'stream',
      connectionString: env.DATABASE_URL,
      brokers: ['localhost:9092'],
      slot: 'cdc_lab_04',
      publication: 'cdc_lab_04',
      topicPrefix: 'cdc',
      tables: [],
      singleTopic: undefined,
      statusIntervalMs: undefined,
      confirmDelayMs: 0,
    });
  });

  it('reads the names from the environment and the flags', () => {
    const command = parseCommand(['--tables', 'users, shop.orders', '--single-topic', 'all', '--confirm-delay', '3000', '--status-interval', '100'],
      { ...env, CDC_SLOT: 's1', CDC_PUBLICATION: 'p1', CDC_TOPIC_PREFIX: 'srv' });
    expect(command).toMatchObject({ slot: 's1', publication: 'p1', topicPrefix: 'srv', tables: ['users', 'shop.orders'], singleTopic: 'all', confirmDelayMs: 3000, statusIntervalMs: 100 });
  });

  it('parses tail with an optional topic', () => {
    expect(parseCommand(['tail'], env)).toEqual({ kind: 'tail', brokers: ['localhost:9092'], topicPrefix: 'cdc', topic: undefined, fromBeginning: false, full: false, maxMessages: undefined });
    expect(parseCommand(['tail', 'cdc.public.users', '--from-beginning', '--full', '--max-messages', '5'], env))
      .toMatchObject({ topic: 'cdc.public.users', fromBeginning: true, full: true, maxMessages: 5 });
  });

  it('refuses flags of the other command, bad names and missing settings, with the usage', () => {
    expect(() => parseCommand(['tail', '--tables', 'a'], env)).toThrow(/--tables does not belong to the tail command/);
    expect(() => parseCommand(['--from-beginning'], env)).toThrow(ConfigurationError);
    expect(() => parseCommand(['--single-topic', 'a b'], env)).toThrow(/not a valid topic name/);
    expect(() => parseCommand(['--tables', 'a.b.c'], env)).toThrow(/not table or schema.table/);
    expect(() => parseCommand([], { DATABASE_URL: env.DATABASE_URL })).toThrow(/KAFKA_BROKERS is not set/);
    expect(() => parseCommand([], { ...env, CDC_SLOT: 'Bad-Name' })).toThrow(/not a valid slot name/);
    expect(() => parseCommand(['replay'], env)).toThrow(/unknown command/);
  });
});
