import { fail } from '@cdc-lab/grading';
import type { StreamerRun } from '../streamer-run.ts';

/** Compare a printed transaction with the lines test_decoding writes for it, line by line. */
export function expectTransactionLines(run: StreamerRun, got: readonly string[], expected: readonly string[], hint?: string): void {
  const index = expected.findIndex((line, i) => got[i] !== line);
  if (index === -1 && got.length === expected.length) return;
  const at = index === -1 ? expected.length : index;
  fail({
    expected: `the transaction printed as\n${expected.map((line) => `    ${line}`).join('\n')}`,
    got: `line ${at + 1}: ${got[at] === undefined ? '(nothing)' : JSON.stringify(got[at])}${expected[at] === undefined ? ' (one line too many)' : ` instead of ${JSON.stringify(expected[at])}`}`,
    hint: hint ?? "print each XLogData payload as it is (test_decoding's text, decoded as UTF-8), one per line",
    docs: run.docs,
    transcript: run.transcript(),
  });
}
