import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { isPostgresError, todo } from '@cdc-lab/common';
import { WaldumpUnavailableError } from './errors.ts';

/**
 * pg_waldump reads segment files, so it needs the directory they are in: `pg_wal` inside the
 * server's data directory. The server knows where that is; whether this machine and this user
 * can read it is another question.
 */
export interface WalDirectory {
  path: string;
  /** How it was found, for the report: "SHOW data_directory" or "PG_WAL_DIR". */
  foundBy: string;
}

export async function findWalDirectory(client: pg.Client, override?: { path: string; source: string }): Promise<WalDirectory> {
  // TODO: the directory is override.path when given (PG_WAL_DIR / --wal-dir), otherwise
  // `SHOW data_directory` + '/pg_wal'. Then make sure it can be used here: it exists, it is a
  // directory this user may list, and it holds segment files (names of 24 hex digits).
  // Each problem is a WaldumpUnavailableError that names the directory and offers
  // --backend walinspect in its hint (that is what lets --backend auto fall back).
  return todo('find the server\'s pg_wal directory and check it can be read', 'docs/02-wal-inspector.md#finding-pg_wal');
}
