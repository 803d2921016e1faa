import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '@cdc-lab/harness';
import type { Target } from '@cdc-lab/workbook';
import { fail } from './failure.ts';

export type LinePattern = string | RegExp | ((line: string) => boolean);

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  args?: readonly string[];
  env?: Record<string, string | undefined>;
  /** Who speaks, in transcripts: `[your_program]` by default. */
  label?: string;
  /** Docs anchor quoted when the program misbehaves before a check gets to say more. */
  docs?: string;
  /** Called with each line as it arrives, for showing the output live (`pnpm lab N demo`). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * A lab's program running as a separate process, the way a user would run it. The grader sees
 * only what a user sees: the lines it prints, its exit, and whatever it changes in Postgres or
 * Kafka. Started in its own process group so that a SIGKILL reaches it whole, the way a
 * crash would, including any children it started.
 */
export class LabProcess {
  /** Lines printed on stdout, without colour codes, in order. */
  readonly lines: string[] = [];
  readonly errorLines: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly target: Target, readonly options: StartOptions) {
    const [command, ...baseArgs] = target.command;
    this.child = spawn(command!, [...baseArgs, ...(options.args ?? [])], {
      cwd: repoRoot(),
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.collect(this.child.stdout, this.lines, 'stdout');
    this.collect(this.child.stderr, this.errorLines, 'stderr');
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.errorLines.push(`could not start ${target.command.join(' ')}: ${error.message}`);
        this.exit = { code: 127, signal: null };
        this.notify();
        resolve(this.exit);
      });
      this.child.once('exit', (code, signal) => {
        // 'exit' can come before the last lines the program wrote have been read: wait for
        // both pipes to end, but not for ever — a daemon the program started may hold them.
        void this.outputDrained(500).then(() => {
          this.exit = { code, signal };
          this.notify();
          resolve(this.exit);
        });
      });
    });
  }

  static start(target: Target, options: StartOptions = {}): LabProcess {
    const started = new LabProcess(target, options);
    LabProcess.live.add(started);
    void started.exited.then(() => LabProcess.live.delete(started));
    // A run being interrupted starts nothing new: the stage sees its program gone and ends.
    if (LabProcess.interrupted) void started.kill();
    return started;
  }

  private static readonly live = new Set<LabProcess>();
  private static interrupted = false;

  /**
   * Ctrl-C during grading: kill every program still running, and any a stage starts after
   * this, so the stage fails at once and its clean-up (databases, slots, topics) runs.
   */
  static async killAll(): Promise<void> {
    LabProcess.interrupted = true;
    await Promise.all([...LabProcess.live].map((program) => program.kill()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Type a line into the program, as a user at its prompt would. */
  write(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /**
   * Wait for a line matching `pattern`, looking at lines from index `from` on. Fails with the
   * program's last output when the time runs out or the program exits first.
   */
  async waitForLine(pattern: LinePattern, { timeoutMs = 15_000, from = 0, what, hint, docs }: {
    timeoutMs?: number; from?: number; what?: string; hint?: string; docs?: string;
  } = {}): Promise<{ line: string; index: number }> {
    const matches = toPredicate(pattern);
    const description = what ?? `a line matching ${String(pattern)}`;
    const deadline = Date.now() + timeoutMs;
    let searched = from;
    for (;;) {
      for (; searched < this.lines.length; searched += 1) {
        const line = this.lines[searched]!;
        if (matches(line)) return { line, index: searched };
      }
      if (this.exit) {
        fail({
          expected: description,
          got: `your program exited (${describeExit(this.exit)}) before printing it`,
          hint,
          docs: docs ?? this.options.docs,
          transcript: this.transcript(),
        });
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        fail({
          expected: `${description} within ${(timeoutMs / 1000).toFixed(1)} s`,
          got: this.lines.length > from ? 'other lines only' : 'no new output',
          hint,
          docs: docs ?? this.options.docs,
          transcript: this.transcript(),
        });
      }
      await this.nextEvent(remaining);
    }
  }

  /** Lines printed since index `from` that match. */
  linesMatching(pattern: LinePattern, from = 0): string[] {
    return this.lines.slice(from).filter(toPredicate(pattern));
  }

  /** Wait for the program to exit by itself. */
  async waitForExit({ timeoutMs = 15_000, what = 'your program to exit', hint, docs }: {
    timeoutMs?: number; what?: string; hint?: string; docs?: string;
  } = {}): Promise<Exit> {
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const result = await Promise.race([this.exited, timer]);
    if (result === 'timeout') {
      fail({ expected: `${what} within ${(timeoutMs / 1000).toFixed(1)} s`, got: 'it kept running', hint, docs: docs ?? this.options.docs, transcript: this.transcript() });
    }
    return result;
  }

  /** Send a signal to the whole process group (Ctrl-C sends SIGINT the same way). */
  signal(signal: NodeJS.Signals): void {
    if (this.exit || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // Exited between the check and the kill.
    }
  }

  /** Crash the program: SIGKILL leaves it no chance to flush, confirm or clean up. */
  async kill(): Promise<Exit> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** Stop the program if it still runs: SIGINT first, SIGKILL after a grace period. */
  async stop(graceMs = 5_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.signal('SIGINT');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([this.exited, timer])) === 'timeout') return this.kill();
    return this.exited;
  }

  /** The last lines of both streams, for failure messages. */
  transcript(count = 20): string {
    const out = this.lines.slice(-count).map((line) => `[your_program] ${line}`);
    const err = this.errorLines.slice(-Math.ceil(count / 2)).map((line) => `[your_program:stderr] ${line}`);
    const all = [...out, ...err];
    return all.length > 0 ? all.join('\n') : '(nothing)';
  }

  private readonly drained: Promise<void>[] = [];

  private outputDrained(capMs: number): Promise<void> {
    const cap = new Promise<void>((resolve) => setTimeout(resolve, capMs).unref());
    return Promise.race([Promise.all(this.drained).then(() => undefined), cap]);
  }

  private collect(stream: NodeJS.ReadableStream | null, into: string[], name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    const add = (line: string) => {
      into.push(line);
      this.options.onLine?.(line, name);
    };
    this.drained.push(new Promise((resolve) => stream.once('end', resolve)));
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) add(part.replace(ANSI, '').replace(/\r$/, ''));
      this.notify();
    });
    stream.on('end', () => {
      if (partial) add(partial.replace(ANSI, ''));
      partial = '';
      this.notify();
    });
  }

  private nextEvent(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(timeoutMs, 1_000));
      this.waiters.add(done);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function toPredicate(pattern: LinePattern): (line: string) => boolean {
  if (typeof pattern === 'function') return pattern;
  if (typeof pattern === 'string') return (line) => line.includes(pattern);
  return (line) => pattern.test(line);
}

export function describeExit(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
