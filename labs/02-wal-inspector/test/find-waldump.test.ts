import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WaldumpUnavailableError } from '../src/errors.ts';
import { checkWaldumpVersion, findWaldump } from '../src/find-waldump.ts';

/** A directory holding an executable called pg_waldump (a shell script: it is never run here). */
function binDir(executable = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2-bin-'));
  fs.writeFileSync(path.join(dir, 'pg_waldump'), '#!/bin/sh\nexit 0\n', { mode: executable ? 0o755 : 0o644 });
  return dir;
}

// A major version no machine has installed, so that /usr/lib/postgresql/<major>/bin is empty.
const NO_SUCH_MAJOR = 97;

describe('findWaldump', () => {
  it('uses PG_WALDUMP as given', () => {
    const file = path.join(binDir(), 'pg_waldump');
    expect(findWaldump({ explicit: { path: file, source: 'PG_WALDUMP' }, serverMajor: 15 })).toEqual({ path: file, foundBy: 'PG_WALDUMP' });
  });

  it('refuses a PG_WALDUMP that is missing or not executable, naming the variable', () => {
    const missing = () => findWaldump({ explicit: { path: '/nonexistent/pg_waldump', source: 'PG_WALDUMP' }, serverMajor: 15 });
    expect(missing).toThrow(WaldumpUnavailableError);
    expect(missing).toThrow(/PG_WALDUMP=\/nonexistent\/pg_waldump.*no such file/);
    const notExecutable = path.join(binDir(false), 'pg_waldump');
    // access(X_OK) fails for a file without execute bits even for root, so this holds for everyone.
    expect(() => findWaldump({ explicit: { path: notExecutable, source: '--waldump' }, serverMajor: 15 })).toThrow(/--waldump=.*not executable/);
  });

  it('looks in PG_BIN before the server\'s version directory, pg_config and PATH', () => {
    const pgBin = binDir();
    const onPath = binDir();
    expect(findWaldump({ pgBin, serverMajor: 15, pathVariable: onPath, pgConfigBindir: () => onPath })).toEqual({ path: path.join(pgBin, 'pg_waldump'), foundBy: 'PG_BIN' });
  });

  it('falls back to pg_config --bindir, then PATH', () => {
    const fromPgConfig = binDir();
    const onPath = binDir();
    expect(findWaldump({ serverMajor: NO_SUCH_MAJOR, pathVariable: onPath, pgConfigBindir: () => fromPgConfig }).foundBy).toBe('pg_config --bindir');
    expect(findWaldump({ serverMajor: NO_SUCH_MAJOR, pathVariable: `/nonexistent${path.delimiter}${onPath}`, pgConfigBindir: () => undefined }))
      .toEqual({ path: path.join(onPath, 'pg_waldump'), foundBy: 'PATH' });
  });

  it('says where it looked and what to install when there is none', () => {
    const search = () => findWaldump({ serverMajor: NO_SUCH_MAJOR, pathVariable: '/nonexistent', pgConfigBindir: () => undefined });
    expect(search).toThrow(WaldumpUnavailableError);
    try {
      search();
    } catch (error) {
      expect((error as WaldumpUnavailableError).message).toMatch(/not found.*PG_BIN.*PATH/);
      expect((error as WaldumpUnavailableError).hint).toMatch(new RegExp(`postgresql-${NO_SUCH_MAJOR}.*PG_WALDUMP.*walinspect`));
    }
  });
});

describe('checkWaldumpVersion', () => {
  const program = { path: '/usr/lib/postgresql/15/bin/pg_waldump', foundBy: 'test' };

  it('accepts the server\'s major version, with or without a distribution suffix', () => {
    expect(checkWaldumpVersion(program, 'pg_waldump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n', 15)).toBe(15);
    expect(checkWaldumpVersion(program, 'pg_waldump (PostgreSQL) 16beta2\n', 16)).toBe(16);
  });

  it('refuses another major version, naming both', () => {
    expect(() => checkWaldumpVersion(program, 'pg_waldump (PostgreSQL) 14.11\n', 15)).toThrow(/PostgreSQL 14, but the server runs PostgreSQL 15/);
  });

  it('refuses a program that does not print a version', () => {
    expect(() => checkWaldumpVersion(program, 'usage: something else\n', 15)).toThrow(/does not look like pg_waldump/);
  });
});
