import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { isPostgresError } from '@cdc-lab/common';
import { WaldumpUnavailableError } from './errors.ts';

/**
 * pg_waldump reads segment files, so it needs the directory they are in: `pg_wal` inside the
 * server's data directory (`SHOW data_directory`; before PostgreSQL 10 it was called pg_xlog).
 * That path is the server's view. It is only useful here when the server runs on this machine
 * and this user may read its files — the data directory belongs to the `postgres` OS user and
 * is usually closed to everyone else. A server on another host or in a container gives a path
 * that does not exist here; pg_walinspect then reads the same files on the server's side.
 */
export interface WalDirectory {
  path: string;
  /** How it was found, for the report: "SHOW data_directory" or "PG_WAL_DIR". */
  foundBy: string;
}

/** Segment file names: timeline and segment number, 24 hexadecimal digits. */
const SEGMENT_FILE = /^[0-9A-F]{24}$/;

export async function findWalDirectory(client: pg.Client, override?: { path: string; source: string }): Promise<WalDirectory> {
  const found = override ? { path: override.path, foundBy: override.source } : { path: path.join(await dataDirectory(client), 'pg_wal'), foundBy: 'SHOW data_directory' };
  const setting = override ? `${override.source}=${override.path}` : found.path;
  const fallback = 'or use --backend walinspect, which reads the WAL on the server\'s side';

  let entries: string[];
  try {
    entries = fs.readdirSync(found.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new WaldumpUnavailableError(`the WAL directory ${setting} does not exist on this machine`, {
        hint: `is the server on another host or in a container? Set PG_WAL_DIR to a copy of its pg_wal, ${fallback}`,
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new WaldumpUnavailableError(`the WAL directory ${setting} is not readable by this user (uid ${process.getuid?.() ?? '?'})`, {
        hint: `the data directory belongs to the server's OS user (usually postgres): run as that user (sudo -u postgres …) or as root, ${fallback}`,
      });
    }
    if (code === 'ENOTDIR') {
      throw new WaldumpUnavailableError(`the WAL directory ${setting} is not a directory`, { hint: `point PG_WAL_DIR at the pg_wal directory inside the data directory, ${fallback}` });
    }
    throw error;
  }
  if (!entries.some((entry) => SEGMENT_FILE.test(entry))) {
    throw new WaldumpUnavailableError(`${setting} holds no WAL segment files (names of 24 hexadecimal digits)`, {
      hint: `point PG_WAL_DIR at the pg_wal directory inside the server's data directory, ${fallback}`,
    });
  }
  return found;
}

async function dataDirectory(client: pg.Client): Promise<string> {
  try {
    const result = await client.query<{ data_directory: string }>('SHOW data_directory');
    return result.rows[0]!.data_directory;
  } catch (error) {
    if (isPostgresError(error) && error.code === '42501') {
      throw new WaldumpUnavailableError('the server does not tell this user where its data directory is (SHOW data_directory needs superuser or pg_read_all_settings)', {
        hint: 'set PG_WAL_DIR to the server\'s pg_wal directory, or use --backend walinspect',
      });
    }
    throw error;
  }
}
