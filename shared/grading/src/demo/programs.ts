import type { Target } from '@cdc-lab/workbook';
import { fail } from '../failure.ts';
import { describeExit, LabProcess, type Exit } from '../lab-process.ts';
import type { Narrator } from './narrator.ts';
import type { Expectation, Memory, Pattern } from './steps.ts';

const LINE_TIMEOUT_MS = 20_000;
const TRANSCRIPT_LINES = 15;

/** One run of a program the demo started, with its output as the learner saw it. */
export interface ProgramRun {
  label: string;
  process: LabProcess;
  /** Both streams, in the order they arrived. */
  output: string[];
  /** Where the next wait on this program starts looking. */
  cursor: number;
}

/**
 * The programs a demo runs, by the name their output is shown under. Each line is shown as it
 * arrives and kept; a wait looks at the lines after the last one an earlier wait matched, so
 * that a scenario's waits read in order, like the chapter's expected output.
 */
export class DemoPrograms {
  private readonly runs = new Map<string, ProgramRun>();

  constructor(private readonly narrator: Narrator, private readonly memory: Memory, private readonly docs: string) {}

  launch(label: string, target: Target, args: readonly string[], env: Record<string, string>): ProgramRun {
    const existing = this.runs.get(label);
    if (existing && !existing.process.hasExited) throw new Error(`the demo started ${label} while it still runs`);
    const output: string[] = [];
    const process = LabProcess.start(target, {
      args,
      env,
      label,
      onLine: (line, stream) => {
        output.push(line);
        this.narrator.program(label, line, stream);
      },
    });
    void process.exited.then((exit) => this.narrator.program(label, `(${describeEnd(exit)})`, 'stdout'));
    const run: ProgramRun = { label, process, output, cursor: 0 };
    this.runs.set(label, run);
    return run;
  }

  has(label: string): boolean {
    return this.runs.has(label);
  }

  /** The latest run of `label`. */
  get(label: string): ProgramRun {
    const run = this.runs.get(label);
    if (!run) throw new Error(`the demo refers to ${label}, which it never started`);
    return run;
  }

  /** Wait for a line from the program's cursor on; fails when it exits first or time runs out. */
  async waitForLine(run: ProgramRun, expectation: Expectation): Promise<string> {
    const matches = toTest(expectation.pattern, this.memory);
    const timeoutMs = expectation.timeoutMs ?? LINE_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const from = run.cursor;
    const expected = `${expectation.what} (${describePattern(expectation.pattern)}) from ${run.label}`;
    for (let index = from; ; ) {
      for (; index < run.output.length; index += 1) {
        const line = run.output[index]!;
        if (!matches(line)) continue;
        run.cursor = index + 1;
        if (expectation.remember) this.memory[expectation.remember] = captured(expectation.pattern, line);
        return line;
      }
      if (run.process.hasExited) {
        const exit = await run.process.exited;
        fail({ expected, got: `${run.label} ended (${describeExit(exit)}) without printing it`, hint: expectation.hint, docs: this.docs, transcript: this.transcript(run) });
      }
      if (Date.now() > deadline) {
        fail({
          expected: `${expected} within ${(timeoutMs / 1000).toFixed(0)} s`,
          got: run.output.length > from ? 'other lines only' : 'no new output',
          hint: expectation.hint,
          docs: this.docs,
          transcript: this.transcript(run),
        });
      }
      await sleep(50);
    }
  }

  /** The program's exit, or a failure if it is still running after `timeoutMs`. */
  async exitWithin(run: ProgramRun, timeoutMs: number, expected: string): Promise<Exit> {
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const result = await Promise.race([run.process.exited, timer]);
    if (result === 'timeout') fail({ expected, got: 'it kept running', docs: this.docs, transcript: this.transcript(run) });
    return result;
  }

  /** Ctrl-C to every program still running, then SIGKILL to any that has not stopped after 5 s. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.process.stop(5_000)));
  }

  /** The last lines of a program, for failure messages. */
  transcript(run: ProgramRun): string {
    const lines = run.output.slice(-TRANSCRIPT_LINES).map((line) => `[${run.label}] ${line}`);
    return lines.length > 0 ? lines.join('\n') : '(nothing)';
  }
}

function toTest(pattern: Pattern, memory: Memory): (line: string) => boolean {
  if (typeof pattern === 'function') return (line) => pattern(line, memory);
  if (typeof pattern === 'string') return (line) => line.includes(pattern);
  return (line) => pattern.test(line);
}

function captured(pattern: Pattern, line: string): string {
  if (!(pattern instanceof RegExp)) return line;
  const match = pattern.exec(line);
  return match?.[1] ?? match?.[0] ?? line;
}

function describePattern(pattern: Pattern): string {
  if (typeof pattern === 'string') return `a line containing ${JSON.stringify(pattern)}`;
  if (pattern instanceof RegExp) return `a line matching ${String(pattern)}`;
  return 'a line it recognises';
}

function describeEnd(exit: Exit): string {
  return exit.signal ? `ended: killed by ${exit.signal}` : `ended with exit code ${exit.code}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
