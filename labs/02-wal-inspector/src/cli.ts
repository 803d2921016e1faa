import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigurationError, Lsn } from '@cdc-lab/common';
import type { Statement } from './capture-range.ts';

export const USAGE = `usage: pnpm lab 2 -- [options] "<SQL>" ["<SQL>" …]
       pnpm lab 2 -- [options] --start <LSN> [--end <LSN>] [--xid <xid>]

Runs the statements in one transaction, then shows the WAL records that transaction wrote:
the position before and after, its xid, each record (row changes and the commit marked >),
the relations they touch and the segment file and byte offset that hold each change.

  "<SQL>" / --sql <SQL>   a statement; several make one transaction, in the order given
  --file <path>           statements from a file (run as one batch inside the transaction)
  --all                   also show records of other transactions and background work
  --start/--end <LSN>     inspect an existing range instead of running statements
  --xid <xid>             with --start: show one transaction's records only
  --backend <name>        waldump (pg_waldump on this machine), walinspect (the
                          pg_walinspect extension, PostgreSQL 15+), or auto (default: waldump
                          when it can read the WAL here, otherwise walinspect)
  --waldump <path>        the pg_waldump program            (env PG_WALDUMP)
  --wal-dir <path>        the server's pg_wal directory      (env PG_WAL_DIR)
  --container <name>      the server runs in this Docker container: run its own
                          pg_waldump there, with docker exec (env CDC_LAB_POSTGRES_CONTAINER)

Environment: DATABASE_URL (required), PG_WALDUMP, PG_BIN (a PostgreSQL bin directory),
PG_WAL_DIR, CDC_LAB_POSTGRES_CONTAINER (set by the stack when Docker runs Postgres).
pg_waldump is looked for in PG_BIN, /usr/lib/postgresql/<server major>/bin, pg_config --bindir
and PATH; pg_wal is SHOW data_directory + /pg_wal.`;

export type BackendChoice = 'auto' | 'waldump' | 'walinspect';

/** A setting that came from a flag or an environment variable; the source is named in errors. */
export interface SourcedPath {
  path: string;
  source: string;
}

/** What to inspect: statements to run now, or a range of WAL that already exists. */
export type Subject =
  | { kind: 'statements'; statements: Statement[] }
  | { kind: 'range'; start: Lsn; end?: Lsn; xid?: number };

export interface InspectOptions {
  subject: Subject;
  backend: BackendChoice;
  waldump?: SourcedPath;
  walDir?: SourcedPath;
  /** The Docker container the server runs in: pg_waldump runs there, reading pg_wal in place. */
  container?: SourcedPath;
  pgBin?: string;
  /** PATH, the last place pg_waldump is looked for. */
  pathVariable?: string;
  all: boolean;
}

type Env = Record<string, string | undefined>;

export function parseCli(argv: readonly string[], env: Env = process.env): InspectOptions | 'help' {
  const { values, tokens } = parseFlags(argv);
  if (values.help) return 'help';

  // Statements keep the order they were given in, whether positional, --sql or --file.
  const statements: Statement[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional' || (token.kind === 'option' && token.name === 'sql')) {
      const sql = token.kind === 'positional' ? token.value : token.value ?? '';
      if (sql.trim() === '') throw new ConfigurationError('an empty statement was given', { hint: USAGE });
      statements.push({ sql, label: `statement ${statements.length + 1}` });
    } else if (token.kind === 'option' && token.name === 'file') {
      statements.push(readStatementFile(token.value ?? ''));
    }
  }

  const backend = values.backend;
  if (backend !== 'auto' && backend !== 'waldump' && backend !== 'walinspect') {
    throw new ConfigurationError(`--backend ${backend} is not a backend`, { hint: 'use waldump, walinspect or auto' });
  }
  const start = values.start === undefined ? undefined : lsnOption('--start', values.start);
  const end = values.end === undefined ? undefined : lsnOption('--end', values.end);
  const xid = values.xid === undefined ? undefined : xidOption(values.xid);
  if (statements.length === 0 && start === undefined) {
    throw new ConfigurationError('nothing to inspect: give SQL statements, or a range with --start', { hint: USAGE });
  }
  if (statements.length > 0 && (start !== undefined || end !== undefined || xid !== undefined)) {
    throw new ConfigurationError('--start, --end and --xid inspect an existing range; they do not go with statements', {
      hint: 'either run statements (the inspector finds their range itself), or name a range',
    });
  }
  if (start === undefined && (end !== undefined || xid !== undefined)) {
    throw new ConfigurationError('--end and --xid need --start', { hint: USAGE });
  }

  const subject: Subject = start === undefined
    ? { kind: 'statements', statements }
    : { kind: 'range', start, ...(end !== undefined ? { end } : {}), ...(xid !== undefined ? { xid } : {}) };
  return {
    subject,
    backend,
    ...sourced('waldump', values.waldump, '--waldump', env.PG_WALDUMP, 'PG_WALDUMP'),
    ...sourced('walDir', values['wal-dir'], '--wal-dir', env.PG_WAL_DIR, 'PG_WAL_DIR'),
    ...sourced('container', values.container, '--container', env.CDC_LAB_POSTGRES_CONTAINER, 'CDC_LAB_POSTGRES_CONTAINER'),
    ...(env.PG_BIN?.trim() ? { pgBin: env.PG_BIN.trim() } : {}),
    ...(env.PATH ? { pathVariable: env.PATH } : {}),
    all: values.all,
  };
}

const FLAGS = {
  sql: { type: 'string', multiple: true },
  file: { type: 'string', multiple: true },
  all: { type: 'boolean', default: false },
  start: { type: 'string' },
  end: { type: 'string' },
  xid: { type: 'string' },
  backend: { type: 'string', default: 'auto' },
  waldump: { type: 'string' },
  'wal-dir': { type: 'string' },
  container: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseFlags(argv: readonly string[]) {
  // `pnpm lab 2 -- --all "INSERT …"` hands the program its `--` too: one leading `--` is
  // pnpm's separator, not ours. A second one still ends the flags (for a statement that
  // starts with `--`).
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  try {
    return parseArgs({ args, allowPositionals: true, tokens: true, options: FLAGS });
  } catch (error) {
    throw new ConfigurationError((error as Error).message, { hint: USAGE });
  }
}

function readStatementFile(file: string): Statement {
  let sql: string;
  try {
    sql = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`--file ${file}: ${(error as Error).message}`, { hint: 'give the path of a file of SQL statements' });
  }
  if (sql.trim() === '') throw new ConfigurationError(`--file ${file} is empty`);
  return { sql, label: `file ${file}` };
}

function sourced<K extends string>(key: K, flag: string | undefined, flagName: string, variable: string | undefined, variableName: string): Partial<Record<K, SourcedPath>> {
  if (flag?.trim()) return { [key]: { path: flag.trim(), source: flagName } } as Partial<Record<K, SourcedPath>>;
  if (variable?.trim()) return { [key]: { path: variable.trim(), source: variableName } } as Partial<Record<K, SourcedPath>>;
  return {};
}

function lsnOption(name: string, text: string): Lsn {
  try {
    return Lsn.parse(text);
  } catch {
    throw new ConfigurationError(`${name} ${JSON.stringify(text)} is not an LSN`, { hint: 'write it as Postgres prints it, e.g. 0/1924D98' });
  }
}

function xidOption(text: string): number {
  const xid = Number(text);
  if (!/^\d+$/.test(text) || xid > 0xFFFF_FFFF) throw new ConfigurationError(`--xid ${JSON.stringify(text)} is not a transaction id`, { hint: 'a whole number as in the tx: column' });
  return xid;
}
