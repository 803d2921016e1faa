import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { pythonEnvironment, pythonInterpreter } from '@cdc-lab/workbook';
import { run } from '../process.ts';

export const PYTHON_SETUP_USAGE = `usage: pnpm python:setup [--force] [--python <interpreter>]

Makes the Python track's environment: a virtual environment in .venv at the repository's root,
with the pinned libraries of shared/python/requirements.txt installed from PyPI (psycopg2 for
the replication protocol, psycopg for plain SQL, confluent-kafka for Kafka) and the labs' shared
module cdc_lab on its path. Uses uv when it is installed, else venv and pip. Run it again after
the requirements change; it does nothing when the environment is up to date.

  --force                 make the environment again from nothing
  --python <interpreter>  the Python to build it on (default: python3; 3.9 or newer)`;

/** The oldest Python the labs' code is written for (dataclasses, `X | None` under __future__ annotations). */
export const OLDEST_PYTHON: readonly [number, number] = [3, 9];

export function requirementsFile(root = repoRoot()): string {
  return path.join(root, 'shared', 'python', 'requirements.txt');
}

/** Written into .venv after a successful install: what was installed, to tell when to install again. */
function stampFile(root = repoRoot()): string {
  return path.join(pythonEnvironment(root), '.cdc-lab-requirements');
}

export function requirementsDigest(root = repoRoot()): string {
  return crypto.createHash('sha256').update(fs.readFileSync(requirementsFile(root))).digest('hex');
}

/** Whether .venv exists and holds what requirements.txt asks for now. */
export function pythonEnvironmentState(root = repoRoot()): 'missing' | 'stale' | 'ready' {
  if (!fs.existsSync(pythonInterpreter(root))) return 'missing';
  const stamp = fs.existsSync(stampFile(root)) ? fs.readFileSync(stampFile(root), 'utf8').trim() : '';
  return stamp === requirementsDigest(root) ? 'ready' : 'stale';
}

/** `Python 3.11.7` → [3, 11]; undefined when the text is not a version. */
export function parsePythonVersion(text: string): [number, number] | undefined {
  const match = /Python (\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export async function pythonSetupCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, python: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(PYTHON_SETUP_USAGE);
    return;
  }
  if (positionals.length > 0) throw new ConfigurationError(`pnpm python:setup takes no arguments, not ${positionals.join(' ')}`, { hint: PYTHON_SETUP_USAGE });
  const root = repoRoot();
  const venv = pythonEnvironment(root);
  if (!values.force && pythonEnvironmentState(root) === 'ready') {
    console.log(`The Python environment is up to date (${path.relative(root, venv)}). ${colour.dim('--force makes it again.')}`);
    await reportLibraries(root);
    return;
  }
  const base = values.python ?? 'python3';
  const version = await run(base, ['--version']);
  const parsed = parsePythonVersion(version.stdout + version.stderr);
  if (version.code !== 0 || !parsed) {
    throw new ConfigurationError(`${base} was not found`, { hint: 'install Python 3.9 or newer (Debian/Ubuntu: apt-get install python3 python3-venv), or name one with --python' });
  }
  if (parsed[0] < OLDEST_PYTHON[0] || (parsed[0] === OLDEST_PYTHON[0] && parsed[1] < OLDEST_PYTHON[1])) {
    throw new ConfigurationError(`${base} is Python ${parsed.join('.')}; the Python track needs ${OLDEST_PYTHON.join('.')} or newer`, { hint: 'name a newer one with --python' });
  }
  if (values.force) fs.rmSync(venv, { recursive: true, force: true });
  const uv = (await run('uv', ['--version'])).code === 0;
  console.log(colour.bold(`Making ${path.relative(root, venv)} with Python ${parsed.join('.')}${uv ? ' and uv' : ' (venv and pip)'}`));
  if (!fs.existsSync(pythonInterpreter(root))) {
    if (uv) await step('uv', ['venv', '--python', base, venv]);
    else await step(base, ['-m', 'venv', venv], 'Debian/Ubuntu ship venv apart: apt-get install python3-venv');
  }
  const requirements = requirementsFile(root);
  if (uv) await step('uv', ['pip', 'install', '--python', pythonInterpreter(root), '-r', requirements]);
  else await step(pythonInterpreter(root), ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', requirements]);
  linkSharedModule(root);
  fs.writeFileSync(stampFile(root), `${requirementsDigest(root)}\n`);
  await reportLibraries(root);
  console.log(colour.green('Ready.') + ' Grade your code: pnpm test:lab 1 --lang python --starter (or set CDC_LAB_LANG=python for every command)');
}

/**
 * Put shared/python on the environment's module path with a .pth file, so every lab program
 * imports `cdc_lab` (errors, todo(), run_main) without installing it as a package.
 */
function linkSharedModule(root: string): void {
  const libs = path.join(pythonEnvironment(root), 'lib');
  const sitePackages = fs.readdirSync(libs).filter((name) => name.startsWith('python')).map((name) => path.join(libs, name, 'site-packages')).find((dir) => fs.existsSync(dir));
  if (!sitePackages) throw new ConfigurationError(`${path.relative(root, libs)} has no site-packages folder`, { hint: 'make the environment again: pnpm python:setup --force' });
  fs.writeFileSync(path.join(sitePackages, 'cdc_lab.pth'), `${path.join(root, 'shared', 'python')}\n`);
}

/** What the labs import, with their versions: proof that the environment works. */
async function reportLibraries(root: string): Promise<void> {
  const result = await run(pythonInterpreter(root), ['-c', LIBRARY_VERSIONS]);
  if (result.code !== 0) {
    throw new ConfigurationError(`the Python environment cannot import the labs' libraries:\n${result.stderr.trim()}`, { hint: 'make it again: pnpm python:setup --force' });
  }
  console.log(colour.dim(result.stdout.trim()));
}

export const LIBRARY_VERSIONS = [
  'import sys, psycopg2, psycopg, confluent_kafka, cdc_lab',
  'print(f"Python {sys.version.split()[0]} · psycopg2 {psycopg2.__version__.split()[0]} · psycopg {psycopg.__version__} · confluent-kafka {confluent_kafka.__version__} (librdkafka {confluent_kafka.libversion()[0]})")',
].join('\n');

/** Run one step with its output shown (pip's progress), failing with what to do. */
function step(command: string, args: string[], hint = 'see the output above'): Promise<void> {
  console.log(colour.dim(`$ ${[command, ...args].map((arg) => path.isAbsolute(arg) ? path.relative(process.cwd(), arg) || '.' : arg).join(' ')}`));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (error) => reject(new ConfigurationError(`could not run ${command}: ${error.message}`, { hint })));
    child.once('exit', (code) => code === 0 ? resolve() : reject(new ConfigurationError(`${command} ${args[0]} failed (exit code ${code})`, { hint })));
  });
}
