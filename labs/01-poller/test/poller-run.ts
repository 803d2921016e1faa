import fs from 'node:fs';
import path from 'node:path';
import { fail, type LabProcess, type StageContext } from '@cdc-lab/grading';
import { describeRows, parsePolls, type ReportedPoll, type ReportedRow } from './poll-output.ts';

/** Short enough that a stage sees many polls in a second, long enough to stay cheap. */
export const TEST_INTERVAL_MS = 100;

export interface PollerOptions {
  args?: string[];
  /** A state folder of its own, for a second poller running beside the first. */
  stateDir?: string;
  label?: string;
}

/** One run of the program under test, read as a sequence of polls. */
export class PollerRun {
  private constructor(readonly process: LabProcess, readonly docs: string, readonly label: string) {}

  static start(ctx: StageContext, options: PollerOptions = {}): PollerRun {
    const label = options.label ?? 'your program';
    const child = ctx.start({
      args: ['--interval', String(TEST_INTERVAL_MS), ...(options.args ?? [])],
      env: options.stateDir ? { CDC_STATE_DIR: options.stateDir } : {},
      label,
    });
    return new PollerRun(child, ctx.stage.docs, label);
  }

  /** Where the output ends now: polls after this point started after whatever happened before. */
  get mark(): number {
    return this.process.lines.length;
  }

  polls(from = 0): ReportedPoll[] {
    return parsePolls(this.process.lines, from);
  }

  rowsReported(from = 0): ReportedRow[] {
    return this.polls(from).flatMap((poll) => poll.rows);
  }

  /** Wait until `count` complete polls have been printed from line `from` on. */
  async nextPolls(count: number, { from = this.mark, what, hint, timeoutMs = 10_000 }: WaitOptions = {}): Promise<ReportedPoll[]> {
    await this.process.waitForLine(() => this.polls(from).length >= count, {
      from,
      timeoutMs,
      what: what ?? `${this.label} to print ${count} poll line(s) like "[2026-01-05 10:00:00] Polling... No changes. (1 query, 0 rows read)"`,
      hint,
      docs: this.docs,
    });
    return this.polls(from).slice(0, count);
  }

  /** Wait for the first poll from line `from` on that reports something. */
  async nextChange({ from = this.mark, what, hint, timeoutMs = 10_000 }: WaitOptions = {}): Promise<ReportedPoll> {
    await this.process.waitForLine(() => this.polls(from).some((poll) => poll.found > 0), {
      from,
      timeoutMs,
      what: what ?? `${this.label} to report a change ("Polling... Found 1 change …" followed by a User(id=…, name='…') line)`,
      hint,
      docs: this.docs,
    });
    return this.polls(from).find((poll) => poll.found > 0)!;
  }

  /** Wait for the first poll from line `from` on that reports a row matching `wanted`. */
  async waitForRow(wanted: (row: ReportedRow) => boolean, options: WaitOptions & { what: string }): Promise<ReportedPoll> {
    const from = options.from ?? this.mark;
    const reporting = () => this.polls(from).find((poll) => poll.rows.some(wanted));
    await this.process.waitForLine(() => reporting() !== undefined, {
      from,
      timeoutMs: options.timeoutMs ?? 10_000,
      what: options.what,
      hint: options.hint,
      docs: this.docs,
    });
    return reporting()!;
  }

  transcript(): string {
    return this.process.transcript();
  }
}

export interface WaitOptions {
  from?: number;
  what?: string;
  hint?: string;
  timeoutMs?: number;
}

/** The rows reported since `from`, as a sorted list of `id:name` for comparisons. */
export function rowKeys(rows: readonly ReportedRow[]): string[] {
  return rows.map((row) => `${row.id}:${row.name}`).sort();
}

/** Fail unless exactly these rows (each once) were reported. */
export function expectExactlyRows(run: PollerRun, from: number, expected: readonly { id: string; name: string }[], context: { expected: string; hint: string }): void {
  const got = run.rowsReported(from);
  const wanted = rowKeys(expected.map((row) => ({ ...row, line: '' })));
  if (JSON.stringify(rowKeys(got)) !== JSON.stringify(wanted)) {
    fail({ expected: context.expected, got: describeRows(got), hint: context.hint, docs: run.docs, transcript: run.transcript() });
  }
}

/** The files a program keeps in its state folder (temporary files aside), with identity and content. */
export function stateFiles(dir: string): Map<string, { inode: number; content: string }> {
  const files = new Map<string, { inode: number; content: string }>();
  if (!fs.existsSync(dir)) return files;
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.tmp') || name.startsWith('.')) continue;
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    if (stat.isFile()) files.set(name, { inode: stat.ino, content: fs.readFileSync(file, 'utf8') });
  }
  return files;
}
