import fs from 'node:fs';
import path from 'node:path';
import { defaultStateDir } from '@cdc-lab/harness';

/**
 * What the learner's code passed, stage by stage, as the last grading runs found it. Written
 * by `pnpm test:lab` when it grades the learner's code (the starter or a command), read by
 * `pnpm progress` and `pnpm hint` without starting anything.
 */
export interface StageRecord {
  passed: boolean;
  /** When it was graded, ISO 8601. */
  at: string;
}

export interface LabRecord {
  /** starter, or command: what was graded. */
  target: 'starter' | 'command';
  /** The target as a failure names it, e.g. "your command `python poller.py`". */
  describe: string;
  /** The track of a graded starter: absent for TypeScript (and in records older than tracks). */
  language?: 'python';
  stages: Record<string, StageRecord>;
  /** How many stages the lab's grader had when last graded. */
  total: number;
  /**
   * Which of them were extension stages (depth beyond the lesson): the lab counts as passed
   * when every other stage passes. Absent in records written before stages had tiers.
   */
  extensions?: string[];
  /** The failure of the last run, if it had one: the stage, and the unwritten step the program stopped at. */
  lastFailure?: { stage: string; step?: string; at: string };
}

export interface ProgressRecord {
  labs: Record<string, LabRecord>;
}

export function progressFile(): string {
  return path.join(defaultStateDir(), 'progress.json');
}

export function readProgress(file = progressFile()): ProgressRecord {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ProgressRecord>;
    return { labs: typeof parsed.labs === 'object' && parsed.labs !== null ? parsed.labs : {} };
  } catch {
    return { labs: {} };
  }
}

/**
 * Record a run's outcomes. Stages the run did not reach keep what an earlier run found; a
 * different program (starter after a command, or a command of another name) starts afresh.
 */
export function recordOutcomes(
  labNumber: number,
  target: { kind: 'starter' | 'command'; describe: string; language?: string },
  outcomes: readonly { slug: string; passed: boolean; step?: string }[],
  total: number,
  { file = progressFile(), now = new Date(), extensions = [] }: { file?: string; now?: Date; extensions?: readonly string[] } = {},
): ProgressRecord {
  const progress = readProgress(file);
  const key = String(labNumber);
  const previous = progress.labs[key];
  const sameProgram = previous?.target === target.kind && previous.describe === target.describe;
  const stages = sameProgram ? { ...previous.stages } : {};
  for (const outcome of outcomes) stages[outcome.slug] = { passed: outcome.passed, at: now.toISOString() };
  const failed = outcomes.find((outcome) => !outcome.passed);
  progress.labs[key] = {
    target: target.kind,
    describe: target.describe,
    ...(target.language === 'python' ? { language: 'python' as const } : {}),
    stages,
    total,
    ...(extensions.length > 0 ? { extensions: [...extensions] } : {}),
    ...(failed ? { lastFailure: { stage: failed.slug, ...(failed.step ? { step: failed.step } : {}), at: now.toISOString() } } : {}),
  };
  writeAtomically(file, `${JSON.stringify(progress, null, 2)}\n`);
  return progress;
}

/** Base and extension stages passed, against how many there are. */
export function tierCounts(record: LabRecord): { base: { passed: number; total: number }; extension: { passed: number; total: number } } {
  const extensions = new Set(record.extensions ?? []);
  const passed = Object.entries(record.stages).filter(([, stage]) => stage.passed).map(([slug]) => slug);
  return {
    base: { passed: passed.filter((slug) => !extensions.has(slug)).length, total: record.total - extensions.size },
    extension: { passed: passed.filter((slug) => extensions.has(slug)).length, total: extensions.size },
  };
}

/** A lab is passed when every base stage passes; extension stages go deeper and are optional. */
export function labPassed(record: LabRecord | undefined): boolean {
  if (!record || record.total === 0) return false;
  const { base } = tierCounts(record);
  return base.total > 0 && base.passed >= base.total;
}

/** The first stage, in the grader's order, that the record does not show passed. */
export function firstStageNotPassed(record: LabRecord | undefined, slugs: readonly string[]): string | undefined {
  return slugs.find((slug) => record?.stages[slug]?.passed !== true);
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
