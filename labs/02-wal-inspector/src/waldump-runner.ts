import { spawn, spawnSync } from 'node:child_process';
import readline from 'node:readline';
import { WaldumpExitError, WaldumpUnavailableError } from './errors.ts';
import type { WalRange } from './capture-range.ts';
import type { WaldumpProgram } from './find-waldump.ts';

/** Keep the end of pg_waldump's stderr only: it is read to explain a failure, not stored. */
const STDERR_LIMIT = 16 * 1024;

/**
 * The arguments that restrict pg_waldump to one range:
 *   -t timeline   which timeline's files to read (the first 8 digits of a segment name)
 *   -s start      the first record at or after this LSN
 *   -e end        stop before the first record that ends after this LSN
 *   -p directory  where the segment files are; pg_waldump picks the files the range needs
 */
export function waldumpArguments(range: WalRange, walDirectory: string, timeline: number): string[] {
  return ['-t', String(timeline), '-s', range.start.toString(), '-e', range.end.toString(), '-p', walDirectory];
}

/** The whole command line: the program with its arguments, behind `docker exec …` if it runs in a container. */
export function waldumpCommand(program: Pick<WaldumpProgram, 'path' | 'via'>, args: readonly string[]): string[] {
  return [...(program.via ?? []), program.path, ...args];
}

/**
 * pg_waldump inside the container the server runs in: the image has the server's own
 * pg_waldump on its PATH, and `docker exec` runs as the image's user (root), who may read
 * pg_wal. So the WAL is read in place, by a program of exactly the server's version.
 */
export function containerWaldump(container: { path: string; source: string }): WaldumpProgram {
  return { path: 'pg_waldump', foundBy: `${container.source}=${container.path} (docker exec)`, via: ['docker', 'exec', container.path] };
}

/**
 * Run pg_waldump and yield its stdout line by line as it comes, so that a transaction of any
 * size is read with bounded memory. A non-zero exit becomes a WaldumpExitError carrying
 * stderr; stopping early (the caller breaks or throws) kills the process.
 */
export async function* waldumpLines(command: readonly string[]): AsyncGenerator<string> {
  const [program, ...args] = command as [string, ...string[]];
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_LIMIT);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  let finished = false;
  try {
    for await (const line of readline.createInterface({ input: child.stdout, crlfDelay: Infinity })) {
      if (line.trim() !== '') yield line;
    }
    const code = await exited;
    finished = true;
    if (code !== 0) throw new WaldumpExitError(code, stderr, command);
  } finally {
    if (!finished) child.kill();
  }
}

/** What `pg_waldump --version` prints. */
export function readWaldumpVersion(program: Pick<WaldumpProgram, 'path' | 'via'>): string {
  const [command, ...args] = waldumpCommand(program, ['--version']) as [string, ...string[]];
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error || (program.via && result.status !== 0)) {
    const why = result.error?.message ?? `${result.stderr}${result.stdout}`.trim();
    throw new WaldumpUnavailableError(`could not run ${[command, ...args].join(' ')}: ${why}`, {
      hint: program.via
        ? 'is the container running, and can this user run docker? Or use --backend walinspect'
        : 'set PG_WALDUMP to a pg_waldump this user can run, or use --backend walinspect',
    });
  }
  return `${result.stdout}${result.stderr}`;
}

/** `pg_config --bindir`, when a pg_config is installed. */
export function pgConfigBindir(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}
