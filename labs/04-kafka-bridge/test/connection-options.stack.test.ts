/**
 * The bridge's values are only right if the walsender prints them the way the converters read
 * them. The settings travel as libpq's `options` in the connection string; this checks, on a
 * real replication connection, that node-postgres passes them on — and that they win over
 * settings already in the URL that would print values differently.
 */
import { describe, expect, it } from 'vitest';
import { ReplicationConnection } from '@cdc-lab/03-logical-streamer/replication';
import { stackFromSetup } from '@cdc-lab/grading';
import { VALUE_OUTPUT_SETTINGS } from '../src/envelope/index.ts';
import { replicationUrl } from '../src/replication-settings.ts';

describe('the replication connection\'s session settings', () => {
  it('are the ones the value converters expect, whatever the URL asked for before', async () => {
    const base = new URL(stackFromSetup().DATABASE_URL!);
    base.searchParams.set('options', '-c DateStyle=German -c bytea_output=escape -c TimeZone=Asia/Kolkata -c wal_sender_timeout=2s');
    const connection = await ReplicationConnection.open(replicationUrl(base.toString()), 'settings_check');
    try {
      const shown: Record<string, string> = {};
      for (const name of [...Object.keys(VALUE_OUTPUT_SETTINGS), 'wal_sender_timeout']) {
        const rows = await connection.query<Record<string, string>>(`SHOW ${name}`, 'query');
        shown[name] = Object.values(rows[0]!)[0]!;
      }
      expect(shown).toEqual({ ...VALUE_OUTPUT_SETTINGS, wal_sender_timeout: '2s' });
    } finally {
      await connection.close();
    }
  });
});
