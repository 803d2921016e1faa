import { describe, expect, it } from 'vitest';
import type { ReplicationConnection } from '../src/replication/connection.ts';
import { snapshotOption } from '../src/replication/snapshot-option.ts';

/** A replication connection that answers SHOW server_version_num with `version`. */
function serverOf(version: string): { connection: ReplicationConnection; asked: string[] } {
  const asked: string[] = [];
  const connection = { query: async (text: string) => { asked.push(text); return [{ server_version_num: version }]; } } as unknown as ReplicationConnection;
  return { connection, asked };
}

describe('the snapshot option of CREATE_REPLICATION_SLOT', () => {
  it('is parenthesised from Postgres 15 on', async () => {
    const { connection, asked } = serverOf('150018');
    expect(await snapshotOption(connection, 'nothing')).toBe("(SNAPSHOT 'nothing')");
    expect(await snapshotOption(connection, 'export')).toBe("(SNAPSHOT 'export')");
    expect(asked[0]).toBe('SHOW server_version_num');
    expect(await snapshotOption(serverOf('180004').connection, 'nothing')).toBe("(SNAPSHOT 'nothing')");
  });

  it('is the older keyword on Postgres 14, which knows no other', async () => {
    const { connection } = serverOf('140023');
    expect(await snapshotOption(connection, 'nothing')).toBe('NOEXPORT_SNAPSHOT');
    expect(await snapshotOption(connection, 'export')).toBe('EXPORT_SNAPSHOT');
  });
});
