import { fail } from '@cdc-lab/grading';
import type { BridgeRun } from './bridge-run.ts';

export interface WaitReport {
  expected: string;
  /** What was seen when time ran out. */
  got: () => string;
  hint?: string;
  docs?: string;
  timeoutMs?: number;
  /** Whether the program must stay alive meanwhile (the default). */
  whileRunning?: boolean;
  pollMs?: number;
}

/**
 * Poll until `probe` returns a value. When the program exits meanwhile, fail at once with its
 * transcript: most waits are for something the program should be doing.
 */
export async function waitFor<T>(run: BridgeRun, probe: () => Promise<T | undefined>, report: WaitReport): Promise<T> {
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
