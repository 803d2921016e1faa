import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { WaldumpUnavailableError } from '../src/errors.ts';
import { findWalDirectory } from '../src/wal-directory.ts';

// With PG_WAL_DIR set the server is not asked, so the client is never connected.
const client = new pg.Client();
const override = (dir: string) => ({ path: dir, source: 'PG_WAL_DIR' });

describe('findWalDirectory with PG_WAL_DIR', () => {
  it('accepts a directory of segment files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2-wal-'));
    fs.writeFileSync(path.join(dir, '000000010000000000000003'), '');
    await expect(findWalDirectory(client, override(dir))).resolves.toEqual({ path: dir, foundBy: 'PG_WAL_DIR' });
  });

  it('says when the directory does not exist on this machine, and offers pg_walinspect', async () => {
    const found = findWalDirectory(client, override('/nonexistent/pg_wal'));
    await expect(found).rejects.toThrow(WaldumpUnavailableError);
    await expect(findWalDirectory(client, override('/nonexistent/pg_wal'))).rejects.toThrow(/PG_WAL_DIR=\/nonexistent\/pg_wal does not exist on this machine/);
  });

  it('refuses a file, and a directory without segments (the data directory itself, say)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab2-wal-'));
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '15\n');
    await expect(findWalDirectory(client, override(path.join(dir, 'PG_VERSION')))).rejects.toThrow(/not a directory/);
    await expect(findWalDirectory(client, override(dir))).rejects.toThrow(/holds no WAL segment files/);
  });
});
