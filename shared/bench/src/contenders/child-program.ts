import { spawn, type ChildProcess } from 'node:child_process';
import type { RunningContender } from './contender.ts';

const TRANSCRIPT_LINES = 40;
const STOP_GRACE_MS = 20_000;
/** test_decoding's commit line as lab 3 prints it, "COMMIT <xid>", from the start of a line. */
const COMMIT_LINE = '\nCOMMIT ';

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
    // Lab 3 prints about a hundred bytes per change: count its COMMIT lines without splitting
    // every chunk into lines, and keep only the end of the output for error messages.
    let carry = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (options.countCommits) {
        const text = carry + chunk;
        for (let at = text.indexOf(COMMIT_LINE); at !== -1; at = text.indexOf(COMMIT_LINE, at + 1)) this.commits += 1;
        // A COMMIT line split between two chunks is counted in the next one.
        carry = text.slice(-(COMMIT_LINE.length - 1));
      }
      this.remember(chunk.slice(-4096).split('\n'));
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
