import type { ReplicationConnection } from './connection.ts';

/**
 * How CREATE_REPLICATION_SLOT is told what to do about a snapshot of the data: 'nothing' (stream
 * changes only), or 'export' (lab 6: a snapshot that matches the slot's first position exactly).
 * Postgres 15 moved the replication commands' options into parentheses, `(SNAPSHOT 'nothing')`;
 * Postgres 14 only knows the older keywords, NOEXPORT_SNAPSHOT and EXPORT_SNAPSHOT. Newer
 * servers still accept the keywords, but the parenthesised form is the one their documentation
 * teaches, so the labs ask the server which it is.
 */
export async function snapshotOption(connection: ReplicationConnection, snapshot: 'nothing' | 'export'): Promise<string> {
  // SHOW is one of the few commands a replication connection takes besides its own.
  const [row] = await connection.query<{ server_version_num: string }>('SHOW server_version_num', 'query');
  if (Number(row?.server_version_num ?? 0) >= 150_000) return `(SNAPSHOT '${snapshot}')`;
  return snapshot === 'export' ? 'EXPORT_SNAPSHOT' : 'NOEXPORT_SNAPSHOT';
}
