import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { readSettings } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:secret@localhost:5432/cdclab' };

describe('settings', () => {
  it('has defaults for everything but the database', () => {
    expect(readSettings([], env)).toEqual({
      databaseUrl: env.DATABASE_URL,
      intervalMs: 5_000,
      mode: 'keyset',
      lagMs: 0,
      batchSize: 100,
      stateFile: path.join('.cdc-lab/labs/01', 'bookmark.state.json'),
    });
  });

  it('reads environment variables, and flags win over them', () => {
    const fromEnv = { ...env, CDC_POLL_INTERVAL_MS: '250', CDC_POLL_BOOKMARK: 'naive', CDC_POLL_LAG_MS: '1000', CDC_POLL_BATCH_SIZE: '2', CDC_STATE_DIR: '/tmp/x' };
    expect(readSettings([], fromEnv)).toMatchObject({ intervalMs: 250, mode: 'naive', lagMs: 1000, batchSize: 2, stateFile: path.join('/tmp/x', 'bookmark.state.json') });
    expect(readSettings(['--interval', '100', '--bookmark', 'keyset', '--lag', '0', '--batch-size', '5'], fromEnv))
      .toMatchObject({ intervalMs: 100, mode: 'keyset', lagMs: 0, batchSize: 5 });
  });

  it('rejects values it cannot use, naming the flag', () => {
    expect(() => readSettings(['--interval', '0'], env)).toThrow(/--interval/);
    expect(() => readSettings(['--interval', '1.5'], env)).toThrow(ConfigurationError);
    expect(() => readSettings(['--interval', String(30 * 86_400_000)], env)).toThrow(/--interval/);
    expect(() => readSettings(['--lag', '-1'], env)).toThrow(/--lag/);
    expect(() => readSettings(['--bookmark', 'timestamp'], env)).toThrow(/keyset or naive/);
    expect(() => readSettings(['--batch-size', 'ten'], env)).toThrow(/--batch-size/);
    expect(() => readSettings(['--fast'], env)).toThrow(ConfigurationError);
    expect(() => readSettings([], {})).toThrow(/DATABASE_URL/);
  });

  it('answers --help without needing a database', () => {
    expect(readSettings(['--help'], {})).toBe('help');
  });
});
