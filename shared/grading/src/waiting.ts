import { fail } from './failure.ts';
import type { LabProcess } from './lab-process.ts';

/** A program under test as the waits see it: its process, how to name it, and its output. */
export interface WatchedRun {
  readonly process: LabProcess;
  readonly label: string;
  readonly docs: string;
  /** Resolves once everything the program wrote has been read (after it exited). */
  drained(): Promise<void>;
  transcript(): string;
}

export interface WaitReport {
  expected: string;
  /** What was seen when time ran out. */
  got: () => string;
  hint?: string;
  docs?: string;
  timeoutMs?: number;
  /** Whether the program must stay alive meanwhile (the default); false once it has exited. */
  whileRunning?: boolean;
  pollMs?: number;
}

/**
 * Poll until `probe` returns a value. Most waits are for something the program should be doing,
 * so when it exits meanwhile the wait fails at once, with its exit and its transcript, instead
 * of running out the clock.
 */
export async function waitFor<T>(run: WatchedRun, probe: () => Promise<T | undefined>, report: WaitReport): Promise<T> {
  const timeoutMs = report.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (report.whileRunning !== false && run.process.hasExited) {
      const exit = await run.process.exited;
      await run.drained();
      fail({
        expected: report.expected,
        got: `${run.label} exited (${exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`}) first; by then: ${report.got()}`,
        hint: report.hint,
        docs: report.docs ?? run.docs,
        transcript: run.transcript(),
      });
    }
    if (Date.now() > deadline) {
      fail({
        expected: `${report.expected} within ${(timeoutMs / 1000).toFixed(1)} s`,
        got: report.got(),
        hint: report.hint,
        docs: report.docs ?? run.docs,
        transcript: run.transcript(),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, report.pollMs ?? 50));
  }
}
