import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/errors.ts';
import { databaseUrl, kafkaBrokers } from '../src/config.ts';

const SECRET = 'pa#ss';

function errorOf(work: () => unknown): ConfigurationError {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('DATABASE_URL', () => {
  it('accepts a percent-encoded password with every awkward character', () => {
    const url = `postgres://cdc:${encodeURIComponent('p@ss:w/rd#?%& é')}@localhost:5432/db`;
    expect(databaseUrl({ DATABASE_URL: url })).toBe(url);
  });

  it.each([
    ['a # in the password', `postgres://cdc:${SECRET}@localhost:5432/db`],
    ['a / in the password', 'postgres://cdc:pa/ss@localhost:5432/db'],
    ['a ? in the password', 'postgres://cdc:pa?ss@localhost:5432/db'],
  ])('explains %s without showing the URL', (_what, url) => {
    const error = errorOf(() => databaseUrl({ DATABASE_URL: url }));
    expect(`${error.message} ${error.hint}`).toMatch(/percent-encoded/);
    expect(`${error.message} ${error.hint}`).not.toContain('pa#ss');
    expect(`${error.message} ${error.hint}`).not.toContain('pa/ss');
    expect(`${error.message} ${error.hint}`).not.toContain('pa?ss');
  });

  it('explains a bare % in the password', () => {
    const error = errorOf(() => databaseUrl({ DATABASE_URL: 'postgres://cdc:100%pure@localhost:5432/db' }));
    expect(error.message).toMatch(/password in DATABASE_URL has a % that does not start/);
    expect(error.message).not.toContain('100%pure');
  });

  it('asks for a postgres:// URL', () => {
    expect(errorOf(() => databaseUrl({ DATABASE_URL: 'mysql://x@y/z' })).message).toMatch(/not a postgres:\/\/ URL/);
  });
});

describe('KAFKA_BROKERS', () => {
  it('reads a list of host:port', () => {
    expect(kafkaBrokers({ KAFKA_BROKERS: 'localhost:9092, kafka-2:19092' })).toEqual(['localhost:9092', 'kafka-2:19092']);
  });

  it('refuses a port out of range, naming it', () => {
    const error = errorOf(() => kafkaBrokers({ KAFKA_BROKERS: 'localhost:99092' }));
    expect(error.message).toMatch(/port 99092 .* from 1 to 65535/);
  });

  it('refuses port 0', () => {
    expect(errorOf(() => kafkaBrokers({ KAFKA_BROKERS: 'localhost:0' })).message).toMatch(/port 0/);
  });

  it('refuses a scheme and says what to write', () => {
    const error = errorOf(() => kafkaBrokers({ KAFKA_BROKERS: 'PLAINTEXT://localhost:9092' }));
    expect(error.hint).toMatch(/write localhost:9092/);
  });

  it('refuses a missing port', () => {
    expect(errorOf(() => kafkaBrokers({ KAFKA_BROKERS: 'localhost' })).message).toMatch(/not host:port/);
  });
});
