import { spawn, spawnSync } from 'node:child_process';
import readline from 'node:readline';
import { WaldumpExitError, WaldumpUnavailableError } from './errors.ts';
import type { WalRange } from './capture-range.ts';

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

/**
 * Run pg_waldump and yield its stdout line by line as it comes, so that a transaction of any
 * size is read with bounded memory. A non-zero exit becomes a WaldumpExitError carrying
 * stderr; stopping early (the caller breaks or throws) kills the process.
 */
export async function* waldumpLines(program: string, args: readonly string[]): AsyncGenerator<string> {
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
    if (code !== 0) throw new WaldumpExitError(code, stderr, [program, ...args]);
  } finally {
    if (!finished) child.kill();
  }
}

/** What `pg_waldump --version` prints. */
export function readWaldumpVersion(program: string): string {
  const result = spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error) {
    throw new WaldumpUnavailableError(`could not run ${program}: ${result.error.message}`, {
      hint: 'set PG_WALDUMP to a pg_waldump this user can run, or use --backend walinspect',
    });
  }
  return `${result.stdout}${result.stderr}`;
}

/** `pg_config --bindir`, when a pg_config is installed. */
export function pgConfigBindir(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}
