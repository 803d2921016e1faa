import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { parseDuration } from '../src/durations.ts';
import { demoAmount } from '../src/service/commands.ts';
import { parseCommand } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', KAFKA_BROKERS: 'localhost:9092' };

describe('the command line', () => {
  it('gives each variant its own slot and publication by default', () => {
    expect(parseCommand(['relay'], env)).toMatchObject({ kind: 'relay', variant: 'table', slot: 'cdc_lab_07_table', publication: 'cdc_lab_07_outbox', topicPrefix: 'lab07', confirmDelayMs: 0, sendDelayMs: 0 });
    expect(parseCommand(['relay', '--variant', 'message'], env)).toMatchObject({ slot: 'cdc_lab_07_message', publication: 'cdc_lab_07_messages' });
    expect(parseCommand(['relay'], { ...env, CDC_SLOT: 'mine', CDC_PUBLICATION: 'pub', CDC_TOPIC_PREFIX: 'shop' })).toMatchObject({ slot: 'mine', publication: 'pub', topicPrefix: 'shop' });
  });

  it('reads orders, cancellations and demos', () => {
    expect(parseCommand(['order', 'ada', '12.50', '--fail'], env)).toMatchObject({ kind: 'order', customer: 'ada', amount: '12.50', fail: true, service: { variant: 'table', cleanup: 'keep' } });
    expect(parseCommand(['cancel', '7', '--variant', 'message'], env)).toMatchObject({ kind: 'cancel', orderId: '7', service: { variant: 'message' } });
    expect(parseCommand(['demo', '--orders', '6', '--fail-every', '0', '--cleanup', 'delete'], env)).toMatchObject({ orders: 6, failEvery: 0, cancelEvery: 2, service: { cleanup: 'delete' } });
    expect(parseCommand(['consume'], env)).toMatchObject({ kind: 'consume', group: 'lab07-billing' });
  });

  it('refuses what does not make sense, with the usage', () => {
    expect(() => parseCommand(['order', 'ada', '12.505'], env)).toThrow(/at most two decimals/);
    expect(() => parseCommand(['order', 'ada'], env)).toThrow(/takes <customer> <amount>/);
    expect(() => parseCommand(['relay', '--cleanup', 'delete'], env)).toThrow(/--cleanup does not belong to the relay command/);
    expect(() => parseCommand(['demo', '--variant', 'message', '--cleanup', 'delete'], env)).toThrow(/belongs to the table variant/);
    expect(() => parseCommand(['relay', '--variant', 'queue'], env)).toThrow(ConfigurationError);
    expect(() => parseCommand(['purge'], env)).toThrow(/--older-than/);
    expect(() => parseCommand(['relay'], { DATABASE_URL: env.DATABASE_URL })).toThrow(/KAFKA_BROKERS/);
    expect(() => parseCommand(['launch'], env)).toThrow(/unknown command/);
  });

  it('reads ages with a unit', () => {
    expect(parseDuration('--older-than', '0s')).toBe(0);
    expect(parseDuration('--older-than', '90s')).toBe(90_000);
    expect(parseDuration('--older-than', '15m')).toBe(900_000);
    expect(parseDuration('--older-than', '7d')).toBe(604_800_000);
    expect(() => parseDuration('--older-than', '10')).toThrow(/30s, 15m, 1h or 7d/);
  });

  it('gives the demo exact amounts between 10.00 and 99.99', () => {
    for (let i = 1; i <= 50; i += 1) expect(demoAmount(i)).toMatch(/^[1-9]\d\.\d\d$/);
  });
});
