import { check, describeExit, fail, type Exit, type LabProcess, type StageContext } from '@cdc-lab/grading';

/** Slot creation waits for transactions running anywhere on the server: be patient once. */
const READY_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 30_000;

export type Variant = 'table' | 'message';

/** One run of the lab's program in one of its roles, read line by line. */
export class ProgramRun {
  private constructor(readonly process: LabProcess, readonly label: string, readonly docs: string) {}

  static launch(ctx: StageContext, args: readonly string[], label: string, env: Record<string, string> = {}): ProgramRun {
    return new ProgramRun(ctx.start({ args, label, env }), label, ctx.stage.docs);
  }

  get mark(): number {
    return this.process.lines.length;
  }

  transcript(): string {
    return this.process.transcript();
  }

  /** Lines printed from `from` on that match. */
  matching(pattern: RegExp, from = 0): RegExpExecArray[] {
    return this.process.lines.slice(from).map((line) => pattern.exec(line)).filter((match): match is RegExpExecArray => match !== null);
  }

  /**
   * Poll `probe` until it returns a value; fail if the program exits first or time runs out.
   * `got` says what was seen by then.
   */
  async waitUntil<T>(probe: () => T | undefined | Promise<T | undefined>, report: { expected: string; got: () => string; hint?: string; docs?: string; timeoutMs?: number; whileRunning?: boolean }): Promise<T> {
    const timeoutMs = report.timeoutMs ?? 15_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (report.whileRunning !== false && this.process.hasExited) {
        const exit = await this.process.exited;
        fail({
          expected: report.expected,
          got: `${this.label} exited (${describeExit(exit)}) first; by then: ${report.got()}`,
          hint: report.hint,
          docs: report.docs ?? this.docs,
          transcript: this.transcript(),
        });
      }
      if (Date.now() > deadline) {
        fail({ expected: `${report.expected} within ${(timeoutMs / 1000).toFixed(1)} s`, got: report.got(), hint: report.hint, docs: report.docs ?? this.docs, transcript: this.transcript() });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A command that runs to its end (order, demo, purge): wait for it and require exit code 0. */
  async succeeded(what: string, hint?: string): Promise<string[]> {
    const exit = await this.process.waitForExit({ timeoutMs: COMMAND_TIMEOUT_MS, what: `${this.label} to finish`, docs: this.docs });
    await settle();
    check(exit.code === 0 && exit.signal === null, {
      expected: `${this.label} to ${what} and exit with code 0`,
      got: describeExit(exit),
      hint,
      docs: this.docs,
      transcript: this.transcript(),
    });
    return this.process.lines;
  }

  /** Ctrl-C, then require a clean exit (code 0). */
  async interrupt(hint: string): Promise<Exit> {
    this.process.signal('SIGINT');
    const exit = await this.process.waitForExit({ timeoutMs: 15_000, what: `${this.label} to stop within 15 s of Ctrl-C (SIGINT)`, hint, docs: this.docs });
    await settle();
    check(exit.code === 0 && exit.signal === null, {
      expected: `${this.label} to exit with code 0 after Ctrl-C (SIGINT)`,
      got: describeExit(exit),
      hint,
      docs: this.docs,
      transcript: this.transcript(),
    });
    return exit;
  }

  async waitForReadyLine(line: string, what: string, hint: string, docs?: string): Promise<void> {
    await this.process.waitForLine(line, { timeoutMs: READY_TIMEOUT_MS, what: `${this.label} to print "${line}" ${what}`, hint, docs: docs ?? this.docs });
  }
}

/** LabProcess settles on 'exit', when the last lines may still be in the pipe. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
