/**
 * What a grader says when a lab's program does not do what the lab asks. Like a good tester's
 * message: what was expected, what was seen, a hint at the usual mistake, and where to read.
 */
export interface FailureReport {
  expected: string;
  got: string;
  hint?: string;
  /** A docs anchor such as `docs/03-logical-streamer.md#keepalives`. */
  docs?: string;
  /** The end of the program's output, when it helps to see it. */
  transcript?: string;
}

export class GradeFailure extends Error {
  readonly report: FailureReport;

  constructor(report: FailureReport) {
    super(formatFailure(report));
    this.name = 'GradeFailure';
    this.report = report;
  }
}

export function formatFailure({ expected, got, hint, docs, transcript }: FailureReport): string {
  const lines = [`Expected ${expected}`, `got ${got}`];
  if (hint) lines.push(`Hint: ${hint}`);
  if (docs) lines.push(`Read: ${docs}`);
  if (transcript) lines.push('Your program printed (last lines):', indent(transcript));
  return lines.join('\n');
}

export function fail(report: FailureReport): never {
  throw new GradeFailure(report);
}

/** Assert a condition the grader checks, failing with a full report when it does not hold. */
export function check(condition: boolean, report: FailureReport): asserts condition {
  if (!condition) fail(report);
}

/** Shorten a value for a message: graders compare large outputs but show what matters. */
export function trimmed(value: unknown, max = 400): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  | ${line}`).join('\n');
}
