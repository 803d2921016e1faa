import type { StackEnv } from '@cdc-lab/harness';
import type { Target } from '@cdc-lab/workbook';
import { GradeFailure, type FailureReport } from './failure.ts';
import { runStage, type Grader, type Stage } from './grader.ts';

/** Which stages a run grades: all in order, one, or from one on. */
export interface StageSelection {
  only?: string;
  from?: string;
  /** Keep going after a failure (CI's habit); by default a run stops at the first one. */
  all?: boolean;
}

export interface StageOutcome {
  stage: Stage;
  passed: boolean;
  ms: number;
  /** The failure as the learner reads it. */
  message?: string;
  /** The structured report, when the program (not the grader) was at fault. */
  report?: FailureReport;
  /** Set when the grader itself broke (a bug, or a service that went away), not the program. */
  graderError?: boolean;
}

export interface RunEvents {
  started?(stage: Stage): void;
  finished?(outcome: StageOutcome): void;
  /** Asked before each stage: true ends the run (Ctrl-C). */
  stopped?(): boolean;
}

/** The stages a selection names, in the grader's order; unknown slugs are refused with the list. */
export function selectStages(grader: Grader, selection: StageSelection): Stage[] {
  const slugs = grader.stages.map((stage) => stage.slug);
  for (const slug of [selection.only, selection.from]) {
    if (slug !== undefined && !slugs.includes(slug)) {
      throw new UnknownStageError(`lab ${grader.lab.number} has no stage ${JSON.stringify(slug)}`, `its stages, in order: ${slugs.join(', ')}`);
    }
  }
  if (selection.only) return grader.stages.filter((stage) => stage.slug === selection.only);
  if (selection.from) return grader.stages.slice(slugs.indexOf(selection.from));
  return [...grader.stages];
}

export class UnknownStageError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

/**
 * Grade stages one after another, the way a learner works: each stage builds on the ones
 * before it, so the run stops at the first failure unless asked to go on.
 */
export async function gradeInOrder(grader: Grader, target: Target, stack: StackEnv, selection: StageSelection, events: RunEvents = {}): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = [];
  for (const stage of selectStages(grader, selection)) {
    if (events.stopped?.()) break;
    events.started?.(stage);
    const began = Date.now();
    let outcome: StageOutcome;
    try {
      await runStage(grader, stage, target, stack);
      outcome = { stage, passed: true, ms: Date.now() - began };
    } catch (error) {
      outcome = error instanceof GradeFailure
        ? { stage, passed: false, ms: Date.now() - began, message: error.message, report: error.report }
        : { stage, passed: false, ms: Date.now() - began, message: (error as Error)?.stack ?? String(error), graderError: true };
    }
    outcomes.push(outcome);
    events.finished?.(outcome);
    if (!outcome.passed && !selection.all) break;
  }
  return outcomes;
}

/**
 * The part of a program's output that says it reached an exercise not written yet: the
 * starter's `todo()` prints `error: TODO: <step> is not implemented yet` and the section to read.
 */
export function unwrittenStep(transcript: string | undefined): { step: string; docs?: string } | undefined {
  if (!transcript) return undefined;
  const step = /error: TODO: (.+?) is not implemented yet/.exec(transcript);
  if (!step) return undefined;
  const docs = /hint: read (\S+?),? then write it/.exec(transcript.slice(step.index));
  return { step: step[1]!, ...(docs ? { docs: docs[1]! } : {}) };
}
