import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../src/envelope/index.ts';
import { replicationUrl } from '../src/replication-settings.ts';

describe('replicationUrl', () => {
  it('adds the value-format settings as libpq options', () => {
    const url = new URL(replicationUrl('postgres://u:p@localhost:5432/db'));
    expect(url.searchParams.get('options')).toBe(connectionOptions());
    expect(url.username).toBe('u');
  });

  it('keeps options already in the URL, and puts ours after them', () => {
    const url = new URL(replicationUrl(`postgres://u:p@localhost:5432/db?sslmode=disable&options=${encodeURIComponent('-c wal_sender_timeout=2s')}`));
    expect(url.searchParams.get('options')).toBe(`-c wal_sender_timeout=2s ${connectionOptions()}`);
    expect(url.searchParams.get('sslmode')).toBe('disable');
  });
});
