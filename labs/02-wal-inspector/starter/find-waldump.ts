import fs from 'node:fs';
import path from 'node:path';
import { todo } from '@cdc-lab/common';
import { WaldumpUnavailableError } from './errors.ts';

/**
 * pg_waldump ships with the server, not with the client packages, and it only reads WAL
 * written by its own major version. Look for it where the server's programs are, and refuse
 * one of another version before reading any WAL.
 */
export interface WaldumpSearch {
  /** --waldump or PG_WALDUMP: the user said which program to use; it is never second-guessed. */
  explicit?: { path: string; source: string };
  /** PG_BIN: a directory of PostgreSQL programs. */
  pgBin?: string;
  /** The server's major version (15 for 15.4). */
  serverMajor: number;
  /** PATH, searched last. */
  pathVariable?: string;
  /** `pg_config --bindir`, or undefined when pg_config is not installed. */
  pgConfigBindir?: () => string | undefined;
}

export interface WaldumpProgram {
  path: string;
  /** How it was found, for the report: "PG_WALDUMP", "/usr/lib/postgresql/15/bin", "PATH"… */
  foundBy: string;
}

export function findWaldump(search: WaldumpSearch): WaldumpProgram {
  // TODO: with search.explicit, use that path if isExecutable(); otherwise throw a
  // WaldumpUnavailableError whose message names the setting (`PG_WALDUMP=<path>`) and whose
  // hint says what to do. Without it, try path.join(dir, 'pg_waldump') for each dir in order:
  // search.pgBin, /usr/lib/postgresql/<serverMajor>/bin, search.pgConfigBindir?.(), then every
  // directory of search.pathVariable. Nothing found: a WaldumpUnavailableError as well.
  return todo('find the pg_waldump program (PG_WALDUMP, PG_BIN, the server\'s bin directory, PATH)', 'docs/02-wal-inspector.md#finding-pg_waldump');
}

/**
 * `pg_waldump --version` prints `pg_waldump (PostgreSQL) 15.4` (plus a distribution suffix).
 * Return the major version when it is the server's; otherwise throw a WaldumpUnavailableError
 * naming both versions.
 */
export function checkWaldumpVersion(program: WaldumpProgram, versionOutput: string, serverMajor: number): number {
  // TODO: read the major version out of versionOutput and compare it with serverMajor.
  return todo('check that pg_waldump has the server\'s major version', 'docs/02-wal-inspector.md#finding-pg_waldump');
}

/** True when `file` is a file this user may execute. */
function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
