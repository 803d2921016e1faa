import type pg from 'pg';
import { Lsn, PostgresSetupError, isPostgresError } from '@cdc-lab/common';
import type { WalRange } from './capture-range.ts';
import { WalRangeError } from './errors.ts';
import type { ServerFacts } from './server.ts';
import type { BlockRef, RecordSource, WalRecord } from './wal-record.ts';

/**
 * pg_walinspect (PostgreSQL 15 and later) decodes WAL inside the server and returns records as
 * rows: the same decoding code as pg_waldump, run where the files are. It is the way in when
 * pg_wal is not readable from here — a remote server, a container, a managed service that lets
 * a superuser (or a member of pg_read_server_files) create the extension.
 *
 *   SELECT * FROM pg_get_wal_records_info('0/1924D98', '0/1924F78');
 *
 *   start_lsn | end_lsn | prev_lsn | xid | resource_manager | record_type | record_length |
 *   main_data_length | fpi_length | description | block_ref
 */
export interface WalinspectRow {
  start_lsn: string;
  prev_lsn: string;
  xid: string;
  resource_manager: string;
  record_type: string;
  record_length: number;
  fpi_length: number;
  description: string | null;
  block_ref: string | null;
}

/** Rows fetched at a time: the server materialises the result, the client holds one batch. */
const BATCH = 1000;
const CURSOR = 'cdc_lab_wal_records';

export async function openWalinspect(client: pg.Client, server: ServerFacts): Promise<RecordSource> {
  if (server.major < 15) {
    throw new PostgresSetupError(`pg_walinspect needs PostgreSQL 15 or later; the server runs PostgreSQL ${server.major}`, {
      hint: 'run the inspector on the server\'s machine, where pg_waldump can read pg_wal (--backend waldump)',
    });
  }
  const { schema, created } = await ensureExtension(client);
  const functionName = `${quoteIdent(schema)}.pg_get_wal_records_info`;
  return {
    name: 'walinspect',
    description: [`pg_walinspect: ${functionName}() in database ${server.database.name}${created ? ' (extension created just now)' : ''}`],
    command: (range) => `SELECT * FROM ${functionName}('${range.start}', '${range.end}');`,
    records: (range) => fetchRecords(client, functionName, range),
  };
}

async function* fetchRecords(client: pg.Client, functionName: string, range: WalRange): AsyncGenerator<WalRecord> {
  await client.query('BEGIN READ ONLY');
  let committed = false;
  try {
    await client.query(
      `DECLARE ${CURSOR} NO SCROLL CURSOR FOR
       SELECT start_lsn::text, prev_lsn::text, xid::text, resource_manager, record_type,
              record_length, fpi_length, description, block_ref
         FROM ${functionName}($1, $2)`,
      [range.start.toString(), range.end.toString()],
    ).catch((error: unknown) => { throw explainWalinspectError(error, range); });
    for (;;) {
      const batch = await client.query<WalinspectRow>(`FETCH ${BATCH} FROM ${CURSOR}`).catch((error: unknown) => { throw explainWalinspectError(error, range); });
      for (const row of batch.rows) yield walinspectRecord(row);
      if (batch.rows.length < BATCH) break;
    }
    await client.query('COMMIT');
    committed = true;
  } finally {
    if (!committed) await client.query('ROLLBACK').catch(() => {});
  }
}

/** One row of pg_get_wal_records_info as a WalRecord, the same shape the pg_waldump parser gives. */
export function walinspectRecord(row: WalinspectRow): WalRecord {
  return {
    rmgr: row.resource_manager,
    type: row.record_type,
    // pg_walinspect reports the total and the full-page-image part; pg_waldump's "rec" is the rest.
    recordLength: row.record_length - row.fpi_length,
    totalLength: row.record_length,
    xid: Number(row.xid),
    lsn: Lsn.parse(row.start_lsn),
    prev: Lsn.parse(row.prev_lsn),
    description: (row.description ?? '').trim(),
    blockRefs: blockRefsOf(row.block_ref ?? ''),
  };
}

/**
 * pg_walinspect writes block references in the detailed form, always naming the fork:
 * `blkref #0: rel 1663/16419/16429 fork vm blk 0 (FPW); hole: offset: 0, length: 0 blkref #1: …`
 */
const BLOCK_REF = /blkref #(\d+): rel (\d+)\/(\d+)\/(\d+) fork (\w+) blk (\d+)( \(FPW)?/g;

function blockRefsOf(text: string): BlockRef[] {
  return [...text.matchAll(BLOCK_REF)].map((match) => ({
    id: Number(match[1]),
    tablespace: Number(match[2]),
    database: Number(match[3]),
    relfilenode: Number(match[4]),
    fork: match[5]!,
    block: Number(match[6]),
    fullPageImage: match[7] !== undefined,
  }));
}

async function ensureExtension(client: pg.Client): Promise<{ schema: string; created: boolean }> {
  const installed = await extensionSchema(client);
  if (installed) return { schema: installed, created: false };
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
  } catch (error) {
    if (!isPostgresError(error)) throw error;
    throw new PostgresSetupError(`could not create the extension pg_walinspect: ${error.message}`, {
      code: error.code,
      hint: error.code === '42501'
        ? 'creating it takes a superuser: ask for CREATE EXTENSION pg_walinspect in this database, and GRANT pg_read_server_files to your role'
        : 'pg_walinspect is part of the server\'s contrib modules (Debian/Ubuntu: the postgresql-15 package ships it)',
    });
  }
  return { schema: (await extensionSchema(client)) ?? 'public', created: true };
}

async function extensionSchema(client: pg.Client): Promise<string | undefined> {
  const result = await client.query<{ nspname: string }>(
    `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_walinspect'`);
  return result.rows[0]?.nspname;
}

function explainWalinspectError(error: unknown, range: WalRange): Error {
  if (!isPostgresError(error)) return error instanceof Error ? error : new Error(String(error));
  const removed = /requested WAL segment (\S+) has already been removed/.exec(error.message);
  if (removed) {
    return new WalRangeError(`the WAL at ${range.start} is no longer on the server: segment ${removed[1]} was removed or recycled after a checkpoint`, {
      hint: 'inspect a fresh range (run a statement instead of --start), or keep WAL from being recycled with a replication slot or wal_keep_size',
    });
  }
  if (/could not find a valid record|could not read WAL at|future (start|end) LSN|invalid (input|WAL) LSN/i.test(error.message)) {
    return new WalRangeError(`pg_walinspect cannot read ${range.start} .. ${range.end}: ${error.message}`, {
      hint: 'the range must lie in WAL the server still has and has flushed: compare with the oldest file of '
        + 'pg_ls_waldir() and with pg_current_wal_flush_lsn()',
    });
  }
  if (error.code === '42501') {
    return new PostgresSetupError(`pg_walinspect refused: ${error.message}`, { code: error.code, hint: 'its functions need a superuser or a member of pg_read_server_files' });
  }
  return new PostgresSetupError(`pg_walinspect failed: ${error.message}`, { code: error.code });
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
