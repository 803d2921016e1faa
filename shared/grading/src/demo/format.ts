import type pg from 'pg';
import { trimmed } from '../failure.ts';
import type { SeenRecord } from '../kafka.ts';
import type { Step } from './steps.ts';

/** What psql would answer: the command tag, or the rows of a SELECT (the first ten). */
export function describeResult(result: pg.QueryResult): string[] {
  if (result.command === 'SELECT' && result.fields.length > 0) {
    const names = result.fields.map((field) => field.name);
    const rows = result.rows.slice(0, 10).map((row) => names.map((name) => String(row[name] ?? 'NULL')));
    const widths = names.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column]!.length)));
    const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ').trimEnd();
    return [format(names), widths.map((width) => '-'.repeat(width)).join('-+-'), ...rows.map(format), `(${result.rowCount} row${result.rowCount === 1 ? '' : 's'})`];
  }
  if (result.command === 'INSERT') return [`INSERT 0 ${result.rowCount}`];
  if (['UPDATE', 'DELETE', 'SELECT', 'COPY'].includes(result.command)) return [`${result.command} ${result.rowCount}`];
  return result.command ? [result.command] : [];
}

/** One record on one line: offset, key and value (cut to what fits), a tombstone as null. */
export function recordLine(record: SeenRecord): string {
  return `#${record.offset} key=${record.key ?? 'null'} ${record.value === null ? 'null (a tombstone)' : trimmed(record.value, 150)}`;
}

/** What a learner would type to run the same program: `pnpm lab 5 position`. */
export function labCommandLine(lab: number, starter: boolean, args: readonly string[], python = false): string {
  const words = args.map(shellWord);
  // After the lab number these belong to `pnpm lab` itself; `--` hands them to the program.
  const separator = ['--starter', '--lang', '--help', '-h', 'demo'].includes(words[0] ?? '') ? ['--'] : [];
  return ['pnpm lab', `${lab}${starter ? ' --starter' : ''}${python ? ' --lang python' : ''}`, ...separator, ...words].join(' ');
}

/** An argument as a person would type it in a POSIX shell. */
function shellWord(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  if (!/["$`\\!]/.test(arg)) return `"${arg}"`;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A step in a few words, for the failure message. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'sql':
      return `sql> ${trimmed(step.statement, 120)}`;
    case 'start':
    case 'command':
      return `${step.kind} ${step.program} ${step.args.join(' ')}`.trim();
    case 'wait':
    case 'check':
    case 'exit':
      return step.what;
    case 'topic':
      return `read ${step.topic}`;
    case 'slot':
    case 'slot-released':
      return `slot ${step.slot ?? '(the demo\'s)'}`;
    case 'stop':
    case 'crash':
      return `${step.kind} ${step.program}`;
    default:
      return step.kind;
  }
}
