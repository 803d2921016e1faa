import { describe, inject, it } from 'vitest';
import type { StackEnv } from '@cdc-lab/harness';
import { fileTarget, programTarget, type Target } from '@cdc-lab/workbook';
import { GradeFailure } from './failure.ts';
import type { BiteSuite, Rejection } from './bites.ts';
import { currentTarget, DEFAULT_STAGE_TIMEOUT_MS, runStage, type Grader, type Stage } from './grader.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: StackEnv;
  }
}

/** The stack the run's global setup started or found. */
export function stackFromSetup(): StackEnv {
  return inject('stackEnv');
}

/** Vitest's own limit comes after the stage's: the stage reports its timeout, then cleans up. */
const CLEAN_UP_MS = 30_000;
const testTimeout = (stage: Stage | undefined): number => (stage?.timeoutMs ?? DEFAULT_STAGE_TIMEOUT_MS) + CLEAN_UP_MS;

/** Register a grader's stages as vitest tests, one per graded behaviour. */
export function registerGrader(grader: Grader): void {
  const target = currentTarget(grader);
  describe(`lab ${grader.lab.number} — ${grader.lab.title} (${target.describe})`, () => {
    for (const stage of grader.stages) {
      it(`${stage.slug}: ${stage.title}`, () => runStage(grader, stage, target, stackFromSetup()), testTimeout(stage));
    }
  });
}

/**
 * Prove that a grader bites: run a stage against a program that is known to be wrong and
 * require it to fail with the expected message. A grader that passes a broken program is a bug.
 */
export async function expectRejection(grader: Grader, target: Target, rejection: Rejection): Promise<void> {
  const stage = grader.stages.find((candidate) => candidate.slug === rejection.stage);
  if (!stage) throw new Error(`lab ${grader.lab.number} has no stage ${rejection.stage}`);
  try {
    await runStage(grader, stage, target, stackFromSetup());
  } catch (error) {
    if (!(error instanceof GradeFailure)) throw error;
    if (!rejection.message.test(error.message)) {
      throw new Error(`stage ${stage.slug} rejected ${target.describe}, but for another reason than expected (${rejection.message}):\n${error.message}`);
    }
    return;
  }
  throw new Error(`stage ${stage.slug} accepted ${target.describe}, which is deliberately wrong: the grader does not bite`);
}

/**
 * Register the tests that keep a grader honest: every stage rejects the untouched starter,
 * and each deliberately broken variant of the reference is rejected by the named stage.
 */
export function registerBiteTests({ grader, variants, starter }: BiteSuite): void {
  describe(`lab ${grader.lab.number} grader bites`, () => {
    for (const stage of grader.stages) {
      it(`rejects the untouched starter at ${stage.slug}`, async () => {
        await expectRejection(grader, programTarget(grader.lab, 'starter'), { stage: stage.slug, message: starter.message });
      }, testTimeout(stage));
    }
    for (const variant of variants) {
      it(`rejects a variant that ${variant.why}`, async () => {
        const target: Target = fileTarget(variant.file, `a broken variant (${variant.why})`);
        await expectRejection(grader, target, variant.rejection);
      }, testTimeout(grader.stages.find((stage) => stage.slug === variant.rejection.stage)));
    }
  });
}
