import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { DEFAULT_PUBLICATION, DEFAULT_SLOT, DEFAULT_TOPIC_PREFIX, parseCommand, USAGE } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', KAFKA_BROKERS: 'localhost:9092', CONNECT_URL: 'http://localhost:8083/' };

describe('the command line', () => {
  it('runs by default, with the default names and the stack from the environment', () => {
    expect(parseCommand([], env)).toEqual({
      kind: 'run',
      settings: { databaseUrl: env.DATABASE_URL, kafkaBrokers: ['localhost:9092'], connectUrl: 'http://localhost:8083', timeoutMs: 90_000 },
      names: { connector: `${DEFAULT_TOPIC_PREFIX}-postgres`, slot: DEFAULT_SLOT, publication: DEFAULT_PUBLICATION, topicPrefix: DEFAULT_TOPIC_PREFIX },
    });
    expect([DEFAULT_SLOT, DEFAULT_PUBLICATION, DEFAULT_TOPIC_PREFIX]).toEqual(['cdc_lab_09', 'cdc_lab_09', 'lab09']);
  });

  it('names everything after CDC_SLOT, CDC_PUBLICATION and CDC_TOPIC_PREFIX; CDC_CONNECTOR wins for the name', () => {
    const names = { ...env, CDC_SLOT: 'mine', CDC_PUBLICATION: 'my_pub', CDC_TOPIC_PREFIX: 'me' };
    expect(parseCommand(['status'], names)).toMatchObject({ kind: 'lifecycle', action: 'status', dropSlot: false, names: { connector: 'me-postgres', slot: 'mine', publication: 'my_pub', topicPrefix: 'me' } });
    expect(parseCommand(['config'], { ...names, CDC_CONNECTOR: 'other' })).toMatchObject({ kind: 'config', names: { connector: 'other' } });
  });

  it('gives the outbox connector a slot, publication and topic prefix of its own', () => {
    const command = parseCommand(['delete', '--outbox', '--drop-slot'], { ...env, CDC_TOPIC_PREFIX: 'me' });
    expect(command).toMatchObject({ kind: 'lifecycle', action: 'delete', dropSlot: true, names: { connector: 'me-outbox', slot: `${DEFAULT_SLOT}_outbox`, publication: `${DEFAULT_PUBLICATION}_outbox`, topicPrefix: 'me.outbox' } });
    expect(parseCommand(['outbox'], env)).toMatchObject({ kind: 'outbox', names: { connector: 'lab09-outbox', topicPrefix: 'lab09.outbox' } });
  });

  it('gives compare a fresh connector name each run, and slots, publications and prefixes apart', () => {
    const first = parseCommand(['compare'], env);
    const second = parseCommand(['compare'], env);
    if (first.kind !== 'compare' || second.kind !== 'compare') throw new Error('not compare');
    expect(first.settings.names.debezium.connector).toMatch(/^lab09-compare-[0-9a-f]{6}$/);
    expect(first.settings.names.debezium.connector).not.toBe(second.settings.names.debezium.connector);
    expect(first.settings.names).toMatchObject({
      debezium: { slot: 'cdc_lab_09_cmp_dbz', publication: 'cdc_lab_09_cmp_dbz', topicPrefix: 'lab09-compare.debezium' },
      bridge: { slot: 'cdc_lab_09_cmp_lab04', publication: 'cdc_lab_09_cmp_lab04', topicPrefix: 'lab09-compare.lab04' },
    });
  });

  it('keeps derived slot names within 63 characters', () => {
    const command = parseCommand(['compare'], { ...env, CDC_SLOT: 's'.repeat(63) });
    if (command.kind !== 'compare') throw new Error('not compare');
    expect(command.settings.names.bridge.slot.length).toBeLessThanOrEqual(63);
    expect(command.settings.names.bridge.slot.endsWith('_cmp_lab04')).toBe(true);
  });

  it('reads CONNECT_DATABASE_HOST, and leaves it out when unset or blank', () => {
    expect(parseCommand([], { ...env, CONNECT_DATABASE_HOST: ' postgres:5432 ' })).toMatchObject({ settings: { connectDatabaseHost: 'postgres:5432', databaseUrl: env.DATABASE_URL } });
    const blank = parseCommand([], { ...env, CONNECT_DATABASE_HOST: '  ' });
    if (blank.kind !== 'run') throw new Error('not run');
    expect('connectDatabaseHost' in blank.settings).toBe(false);
  });

  it('refuses what it cannot use', () => {
    expect(() => parseCommand([], { ...env, CONNECT_DATABASE_HOST: 'postgres' })).toThrow(/CONNECT_DATABASE_HOST/);
    expect(() => parseCommand([], { ...env, CONNECT_DATABASE_HOST: 'postgres:70000' })).toThrow(ConfigurationError);
    expect(() => parseCommand([], { ...env, CONNECT_DATABASE_HOST: 'postgres://postgres:5432/db' })).toThrow(ConfigurationError);
    expect(() => parseCommand(['snapshot'], env)).toThrow(/schema\.table/);
    expect(() => parseCommand(['snapshot', 'users'], env)).toThrow(/schema\.table/);
    expect(parseCommand(['snapshot', 'public.users', 'shop.orders'], env)).toMatchObject({ kind: 'snapshot', tables: ['public.users', 'shop.orders'] });
    expect(() => parseCommand(['start'], env)).toThrow(/unknown command "start"/);
    expect(() => parseCommand(['--fast'], env)).toThrow();
    expect(() => parseCommand([], { ...env, CDC_SLOT: 'Not-Valid' })).toThrow(/CDC_SLOT/);
    expect(() => parseCommand([], { ...env, CONNECT_URL: undefined })).toThrow(/CONNECT_URL/);
    expect(() => parseCommand([], { ...env, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
  });

  it('answers --help without needing the stack, and its usage names the variables', () => {
    expect(parseCommand(['--help'], {})).toEqual({ kind: 'help' });
    expect(USAGE).toContain('CONNECT_DATABASE_HOST');
    expect(USAGE).not.toContain('CDC_CONNECT_DATABASE_URL');
  });
});
