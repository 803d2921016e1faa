import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackState } from './types.ts';

/**
 * Where a stack keeps its state. Everything (ports, pids, data directories, logs) lives in one
 * git-ignored folder of the checkout, so deleting it is always a complete reset.
 */
export function repoRoot(): string {
  // shared/harness/src/state.ts → three levels up.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export function defaultStateDir(): string {
  return process.env.CDC_LAB_STATE_DIR ?? path.join(repoRoot(), '.cdc-lab');
}

function stateFile(stateDir: string): string {
  return path.join(stateDir, 'stack.json');
}

export function readState(stateDir: string): StackState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(stateDir), 'utf8')) as StackState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written atomically and readable by the owner only: it holds the database password. */
export function writeState(stateDir: string, state: StackState): void {
  fs.mkdirSync(stateDir, { recursive: true });
  const file = stateFile(stateDir);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export function removeState(stateDir: string): void {
  fs.rmSync(stateFile(stateDir), { force: true });
}

/**
 * A lock around starting and stopping, so that two `pnpm stack up` (or two test runs) at the
 * same time do not both start a Postgres on the same data directory. A lock left by a process
 * that no longer exists is taken over.
 */
export async function withStackLock<T>(stateDir: string, work: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  fs.mkdirSync(stateDir, { recursive: true });
  const lock = path.join(stateDir, 'stack.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (!Number.isInteger(holder) || !isProcessAlive(holder)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the stack is locked by process ${holder} (${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Whether a process runs. A process that exited but was not yet reaped by its parent (a
 * zombie: daemons such as the postmaster are re-parented to PID 1, which in a container may
 * never reap them) still answers signal 0, so on Linux its state is read as well.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/<pid>/stat: "pid (command) state …"; the command may itself contain spaces or ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
