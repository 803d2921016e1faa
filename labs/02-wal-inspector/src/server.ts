import type pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';

/** What the inspector needs to know about the server before it reads any WAL. */
export interface ServerFacts {
  /** server_version_num, e.g. 150004 for 15.4. */
  versionNum: number;
  /** The major version, 15 for 15.4: pg_waldump must match it. */
  major: number;
  /** wal_segment_size in bytes (16 MB unless initdb was told otherwise). */
  segmentSize: number;
  /** The timeline the server writes on: the first 8 digits of its segment file names. */
  timeline: number;
  /** The database we are connected to: block references name relations by database oid. */
  database: { oid: number; name: string };
}

export async function readServerFacts(client: pg.Client): Promise<ServerFacts> {
  const result = await client.query<{ version_num: string; segment_size: string; current_file: string; oid: string; datname: string; in_recovery: boolean }>(`
    SELECT current_setting('server_version_num') AS version_num,
           pg_size_bytes(current_setting('wal_segment_size'))::text AS segment_size,
           CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END AS current_file,
           pg_is_in_recovery() AS in_recovery,
           d.oid::text AS oid, d.datname
      FROM pg_database d
     WHERE d.datname = current_database()`);
  const row = result.rows[0]!;
  const versionNum = Number(row.version_num);
  if (versionNum < 100000) {
    throw new PostgresSetupError(`the server runs PostgreSQL ${Math.floor(versionNum / 10000)}.${Math.floor(versionNum / 100) % 100}; this lab needs 10 or later`, {
      hint: 'pg_wal, pg_waldump and the pg_current_wal_* functions got their names in PostgreSQL 10',
    });
  }
  if (row.in_recovery) {
    throw new PostgresSetupError('the server is a standby: it replays WAL but writes none of its own', {
      hint: 'point DATABASE_URL at the primary, where the statements can run',
    });
  }
  return {
    versionNum,
    major: Math.floor(versionNum / 10000),
    segmentSize: Number(row.segment_size),
    timeline: parseInt(row.current_file.slice(0, 8), 16),
    database: { oid: Number(row.oid), name: row.datname },
  };
}
