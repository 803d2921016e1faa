import { Lsn } from '@cdc-lab/common';
import { check, describeExit, type Exit, type LabProcess, type StageContext } from '@cdc-lab/grading';
import { lineFormats } from './contract.ts';

/**
 * What the grader reads in the inspector's output (documented in the chapter's "Expected
 * output"): record lines as pg_waldump prints them, `>` in front of the highlighted ones,
 * each highlighted one followed by a `stored in segment … at byte offset …` line. The
 * patterns are the contract's (contract.ts).
 */
export interface PrintedRecord {
  marked: boolean;
  rmgr: string;
  type: string;
  xid: number;
  lsn: Lsn;
  /** Everything after the type: the description and the block references. */
  rest: string;
  line: string;
  /** Index of the line in the program's stdout. */
  index: number;
}

const RECORD_LINE = lineFormats.record.pattern;
export const LOCATION_LINE = lineFormats.location.pattern;

export function printedRecords(lines: readonly string[]): PrintedRecord[] {
  const records: PrintedRecord[] = [];
  lines.forEach((line, index) => {
    const match = RECORD_LINE.exec(line);
    if (!match) return;
    records.push({
      marked: match[1] === '>',
      rmgr: match[2]!,
      xid: Number(match[3]),
      lsn: Lsn.parse(match[4]!),
      type: match[5]!,
      rest: match[6]!,
      line,
      index,
    });
  });
  return records;
}

export interface Run {
  program: LabProcess;
  exit: Exit;
  records: PrintedRecord[];
}

/** Run the inspector to its end. */
export async function runInspector(ctx: StageContext, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const program = ctx.start({ args, env });
  const exit = await program.waitForExit({ timeoutMs: 30_000, what: 'the inspector to finish' });
  return { program, exit, records: printedRecords(program.lines) };
}

export function requireSuccess(run: Run, docs: string): void {
  check(run.exit.code === 0, {
    expected: 'the inspector to exit with code 0',
    got: describeExit(run.exit),
    docs,
    transcript: run.program.transcript(),
  });
}

/** The xid the program says it ran the statements in: `transaction: xid 731, …`. */
export function reportedXid(run: Run, docs: string): number {
  const line = run.program.lines.find((candidate) => lineFormats.transaction.pattern.test(candidate));
  check(line !== undefined, {
    expected: 'a line `transaction: xid <xid>, …` naming the transaction the statements ran in',
    got: 'no such line',
    hint: 'take the xid inside the transaction: SELECT pg_current_xact_id() (or txid_current())',
    docs,
    transcript: run.program.transcript(),
  });
  return Number(lineFormats.transaction.pattern.exec(line)![1]);
}

export function describeRecords(records: readonly PrintedRecord[]): string {
  if (records.length === 0) return 'no record lines at all';
  return records.map((record) => `${record.marked ? '>' : ' '} ${record.rmgr} ${record.type} tx ${record.xid} lsn ${record.lsn}`).join('; ');
}

/** A stack trace on stderr means the error reached the user unexplained. */
export function stackTraceLines(program: LabProcess): string[] {
  return program.errorLines.filter((line) => lineFormats.stackTrace.pattern.test(line));
}
