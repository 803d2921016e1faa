import { spawn, type ChildProcess } from 'node:child_process';
import type { RunningContender } from './contender.ts';

const TRANSCRIPT_LINES = 40;
const STOP_GRACE_MS = 20_000;

/**
 * A contender that is a process of its own: its output is read (and dropped, but for the last
 * lines, kept for error messages), and it is stopped the way a person would, with Ctrl-C
 * (SIGINT), then killed if it does not go.
 */
export class ChildProgram implements RunningContender {
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private commits = 0;
  private exitCode: number | null | undefined;
  private stopping = false;
  private readonly exited: Promise<void>;

  constructor(command: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string; countCommits?: boolean }) {
    this.child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (this.child.pid === undefined) throw new Error(`could not start ${command}`);
    this.pid = this.child.pid;
    let partial = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        // test_decoding's commit line, as lab 3 prints it: "COMMIT <xid>".
        if (options.countCommits && line.startsWith('COMMIT ')) this.commits += 1;
      }
      this.remember(lines);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.remember(chunk.split('\n')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => {
      this.exitCode = code;
      resolve();
    }));
  }

  get finished(): Promise<void> {
    return this.exited.then(() => {
      if (this.exitCode !== 0) throw new Error(this.failure() ?? 'exited');
    });
  }

  /** Exited with code 0 without being asked: what pg_recvlogical does at --endpos. */
  exitedCleanly(): boolean {
    return this.exitCode === 0 && !this.stopping;
  }

  printedCommits(): number {
    return this.commits;
  }

  failure(): string | undefined {
    if (this.exitCode === undefined || this.stopping) return undefined;
    return `exited with code ${this.exitCode}; its last output:\n${this.tail.join('\n')}`;
  }

  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.stopping = true;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private remember(lines: readonly string[]): void {
    for (const line of lines) if (line.trim() !== '') this.tail.push(line);
    if (this.tail.length > TRANSCRIPT_LINES) this.tail.splice(0, this.tail.length - TRANSCRIPT_LINES);
  }
}
