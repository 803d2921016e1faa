import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { EMBEDDED_POSTGRES_VERSIONS, requestedPostgresMajor, SUPPORTED_POSTGRES_MAJORS } from '../src/postgres-major.ts';
import { findPostgresBinaries } from '../src/local/postgres-binaries.ts';
import { refuseOtherPostgresMajor } from '../src/stack.ts';
import { postgresSpec } from '../src/docker/specs.ts';

/** CDC_LAB_POSTGRES picks one major, 14 to 18, for every provider. */
describe('CDC_LAB_POSTGRES', () => {
  it('is unset by default, and takes a supported major', () => {
    expect(requestedPostgresMajor({})).toBeUndefined();
    expect(requestedPostgresMajor({ CDC_LAB_POSTGRES: ' 18 ' })).toBe(18);
    expect(requestedPostgresMajor({ CDC_LAB_POSTGRES: '14' })).toBe(14);
  });

  it('refuses anything else, naming the majors it takes', () => {
    for (const value of ['13', '19', '17.2', 'latest']) {
      expect(() => requestedPostgresMajor({ CDC_LAB_POSTGRES: value })).toThrow(ConfigurationError);
      expect(() => requestedPostgresMajor({ CDC_LAB_POSTGRES: value })).toThrow(/not a PostgreSQL major/);
    }
  });

  it('pins an embedded binary package of every supported major, of that major', () => {
    for (const major of SUPPORTED_POSTGRES_MAJORS) expect(EMBEDDED_POSTGRES_VERSIONS[major]).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+`));
  });

  it('makes the docker provider run the official image of that major', () => {
    expect(postgresSpec({ stateDir: '/tmp/s', password: 'p', hostPort: 1, major: 18 }).image).toBe('postgres:18');
    expect(postgresSpec({ stateDir: '/tmp/s', password: 'p', hostPort: 1 }).image).toBe('postgres:16');
  });

  it('refuses to reuse a running stack of another major, and says how to switch', () => {
    const recorded = { provider: 'local' as const, startedAt: '', services: { postgres: { endpoint: { host: 'h', port: 1, user: 'u', password: 'p', database: 'd', majorVersion: 15 } } } };
    expect(() => refuseOtherPostgresMajor(recorded, { CDC_LAB_POSTGRES: '18' })).toThrow(/running stack has PostgreSQL 15, but CDC_LAB_POSTGRES=18/);
    expect(() => refuseOtherPostgresMajor(recorded, { CDC_LAB_POSTGRES: '15' })).not.toThrow();
    expect(() => refuseOtherPostgresMajor(recorded, {})).not.toThrow();
  });

  it('refuses PG_BIN of another major than the one asked for', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bin-'));
    for (const program of ['initdb', 'pg_ctl']) fs.writeFileSync(path.join(dir, program), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'postgres'), '#!/bin/sh\necho "postgres (PostgreSQL) 15.8"\n', { mode: 0o755 });
    await expect(findPostgresBinaries({ PG_BIN: dir, CDC_LAB_POSTGRES: '18' })).rejects.toThrow(/holds PostgreSQL 15, but CDC_LAB_POSTGRES=18/);
    await expect(findPostgresBinaries({ PG_BIN: dir, CDC_LAB_POSTGRES: '15' })).resolves.toMatchObject({ source: 'PG_BIN', majorVersion: 15 });
  });
});
