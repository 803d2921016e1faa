import { describe, inject, it } from 'vitest';
import type { StackEnv } from '@cdc-lab/harness';
import { exercisesIn, fileTarget, programTarget, type Target } from '@cdc-lab/workbook';
import { GradeFailure } from './failure.ts';
import type { BiteSuite, Rejection } from './bites.ts';
import { currentTarget, DEFAULT_STAGE_TIMEOUT_MS, runStage, type Grader, type Stage } from './grader.ts';
import { unwrittenStep } from './runner.ts';

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

/**
 * The Python track of a lab, through the same grader: the Python reference passes every stage
 * but the extension stages the manifest says it leaves to TypeScript, and the untouched Python
 * starter fails the first stage by naming an exercise of its track and the chapter section.
 */
export function registerPythonTrack(grader: Grader): void {
  const lab = grader.lab;
  const track = lab.python;
  if (!track) throw new Error(`lab ${lab.number} has no python: entry in the manifest`);
  describe(`lab ${lab.number} — ${lab.title} in Python`, () => {
    for (const slug of Object.keys(track.leaves)) {
      const stage = grader.stages.find((candidate) => candidate.slug === slug);
      it(`leaves ${slug} to TypeScript only as an extension stage`, () => {
        if (!stage) throw new Error(`the manifest's python.leaves names ${slug}, which is not a stage of lab ${lab.number}`);
        if (!stage.extension) throw new Error(`the Python reference must pass every base stage, and ${slug} is one`);
      });
    }
    const reference = grader.stages.filter((stage) => !(stage.slug in track.leaves));
    for (const stage of reference) {
      it(`the Python reference passes ${stage.slug}: ${stage.title}`, () => runStage(grader, stage, programTarget(lab, 'reference', 'python'), stackFromSetup()), testTimeout(stage));
    }
    const first = grader.stages.find((stage) => !stage.extension)!;
    it(`the untouched Python starter fails ${first.slug}, naming its first exercise and the chapter section`, async () => {
      const target = programTarget(lab, 'starter', 'python');
      try {
        await runStage(grader, first, target, stackFromSetup());
      } catch (error) {
        if (!(error instanceof GradeFailure)) throw error;
        const unwritten = unwrittenStep(error.report.transcript ?? error.message);
        const exercise = exercisesIn(lab, 'python').find((candidate) => candidate.step === unwritten?.step);
        if (!unwritten || !exercise) throw new Error(`the Python starter failed ${first.slug} without naming a step of its exercises:\n${error.message}`);
        if (!exercise.stages.includes(first.slug)) throw new Error(`the Python starter stopped at ${exercise.name}, which stage ${first.slug} does not check`);
        if (!unwritten.docs?.startsWith(`${lab.docs}#`)) throw new Error(`the Python starter's todo() for ${exercise.name} points at ${unwritten.docs ?? 'nothing'}, not a section of ${lab.docs}`);
        return;
      }
      throw new Error(`stage ${first.slug} accepted the untouched Python starter`);
    }, testTimeout(first));
  });
}
