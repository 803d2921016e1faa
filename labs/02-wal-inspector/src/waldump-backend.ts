import type { WalRange } from './capture-range.ts';
import { WaldumpExitError } from './errors.ts';
import type { WaldumpProgram } from './find-waldump.ts';
import type { LessonSteps } from './lesson.ts';
import type { WalDirectory } from './wal-directory.ts';
import type { RecordSource, WalRecord } from './wal-record.ts';
import { waldumpArguments, waldumpCommand, waldumpLines } from './waldump-runner.ts';

/** Records read by pg_waldump from the segment files on this machine: run, parse, explain. */
export function waldumpSource(
  program: WaldumpProgram & { version: string },
  walDirectory: WalDirectory,
  timeline: number,
  steps: Pick<LessonSteps, 'parseWaldumpLine' | 'explainWaldumpFailure'>,
): RecordSource {
  return {
    name: 'waldump',
    description: [
      `pg_waldump: ${program.path} (PostgreSQL ${program.version}; found via ${program.foundBy})`,
      `pg_wal: ${walDirectory.path} (from ${walDirectory.foundBy})`,
    ],
    command: (range) => waldumpCommand(program, waldumpArguments(range, walDirectory.path, timeline)).join(' '),
    records: (range) => readRecords(waldumpCommand(program, waldumpArguments(range, walDirectory.path, timeline)), range, walDirectory.path, steps),
  };
}

async function* readRecords(
  command: string[],
  range: WalRange,
  walDirectory: string,
  steps: Pick<LessonSteps, 'parseWaldumpLine' | 'explainWaldumpFailure'>,
): AsyncGenerator<WalRecord> {
  try {
    for await (const line of waldumpLines(command)) yield steps.parseWaldumpLine(line);
  } catch (error) {
    if (error instanceof WaldumpExitError) throw steps.explainWaldumpFailure(error, range, walDirectory);
    throw error;
  }
}
