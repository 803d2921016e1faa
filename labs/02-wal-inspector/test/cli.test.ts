import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, Lsn } from '@cdc-lab/common';
import { parseCli, type InspectOptions, type Subject } from '../src/cli.ts';

const parse = (argv: string[], env: Record<string, string> = {}) => parseCli(argv, env) as InspectOptions;
const statementsOf = (options: InspectOptions) => (options.subject as Extract<Subject, { kind: 'statements' }>).statements;

describe('parseCli', () => {
  it('keeps statements in the order given, from arguments, --sql and --file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab2-cli-')), 'more.sql');
    fs.writeFileSync(file, 'DELETE FROM t;\n');
    const options = parse(['INSERT INTO t VALUES (1)', '--sql', 'UPDATE t SET v = 2', '--file', file]);
    expect(statementsOf(options).map((statement) => statement.sql)).toEqual(['INSERT INTO t VALUES (1)', 'UPDATE t SET v = 2', 'DELETE FROM t;\n']);
    expect(statementsOf(options).map((statement) => statement.label)).toEqual(['statement 1', 'statement 2', `file ${file}`]);
  });

  it('skips the -- that `pnpm lab 2 -- …` passes on; a second one ends the flags', () => {
    const options = parse(['--', '--all', 'INSERT INTO t VALUES (1)']);
    expect(options.all).toBe(true);
    expect(statementsOf(options).map((statement) => statement.sql)).toEqual(['INSERT INTO t VALUES (1)']);
    expect(statementsOf(parse(['--', '--', '-- a comment\nSELECT 1'])).map((statement) => statement.sql)).toEqual(['-- a comment\nSELECT 1']);
  });

  it('reads PG_WALDUMP and PG_WAL_DIR, flags first', () => {
    const options = parse(['--wal-dir', '/flag/pg_wal', 'SELECT 1'], { PG_WALDUMP: '/env/pg_waldump', PG_WAL_DIR: '/env/pg_wal' });
    expect(options.waldump).toEqual({ path: '/env/pg_waldump', source: 'PG_WALDUMP' });
    expect(options.walDir).toEqual({ path: '/flag/pg_wal', source: '--wal-dir' });
    expect(options.backend).toBe('auto');
  });

  it('reads an explicit range', () => {
    const options = parse(['--start', '0/1924D98', '--end', '0/1924F78', '--xid', '727', '--backend', 'walinspect']);
    expect(options.subject).toEqual({ kind: 'range', start: Lsn.parse('0/1924D98'), end: Lsn.parse('0/1924F78'), xid: 727 });
    expect(options.backend).toBe('walinspect');
  });

  it('refuses what cannot be meant', () => {
    expect(() => parse([])).toThrow(/nothing to inspect/);
    expect(() => parse(['SELECT 1', '--start', '0/1'])).toThrow(/do not go with statements/);
    expect(() => parse(['--end', '0/1'])).toThrow(ConfigurationError);
    expect(() => parse(['--start', 'yesterday'])).toThrow(/not an LSN/);
    expect(() => parse(['--backend', 'pgwaldump', 'SELECT 1'])).toThrow(/not a backend/);
    expect(() => parse(['   '])).toThrow(/empty statement/);
    expect(() => parse(['--verbose', 'SELECT 1'])).toThrow(ConfigurationError);
  });
});
