import { describe, expect, it } from 'vitest';
import { parseSettings } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', KAFKA_BROKERS: 'localhost:9092' };

describe('parseSettings', () => {
  it('defaults to an initial snapshot in chunks of 1024 and the public signal table', () => {
    const settings = parseSettings([], env);
    expect(settings).toMatchObject({ snapshotMode: 'initial', chunkSize: 1024, signalSchema: 'public', slot: 'cdc_lab_06' });
  });

  it('reads --snapshot, --chunk-size and --signal-schema', () => {
    expect(parseSettings(['--snapshot', 'no_data', '--chunk-size', '500', '--signal-schema', 'ops'], env)).toMatchObject({ snapshotMode: 'no_data', chunkSize: 500, signalSchema: 'ops' });
  });

  it('refuses an unknown mode or a chunk size that is not a positive number', () => {
    expect(() => parseSettings(['--snapshot', 'always'], env)).toThrow(/not a mode/);
    expect(() => parseSettings(['--chunk-size', '0'], env)).toThrow(/positive whole number/);
  });
});
