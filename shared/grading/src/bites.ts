import type { Grader } from './grader.ts';

export interface Rejection {
  /** The stage that must fail. */
  stage: string;
  /** What its failure message must say, so that it fails for the right reason. */
  message: RegExp;
}

/** A deliberately wrong program and the stage that must reject it, for the reason given. */
export interface BiteVariant {
  file: string;
  /** What is wrong with it, completing "a variant that …". */
  why: string;
  rejection: Rejection;
}

/**
 * Everything that proves a lab's grader bites: the variants, and what every stage must say to
 * the untouched starter. The bite tests run it; `pnpm bites` prints which variant proves which
 * stage, from the same data, so the list can never drift from the tests.
 */
export interface BiteSuite {
  grader: Grader;
  variants: BiteVariant[];
  starter: { message: RegExp };
}

export function defineBites(grader: Grader, variants: BiteVariant[], starter: { message: RegExp }): BiteSuite {
  const slugs = new Set(grader.stages.map((stage) => stage.slug));
  for (const variant of variants) {
    if (!slugs.has(variant.rejection.stage)) {
      throw new Error(`lab ${grader.lab.number}: the variant that ${variant.why} names stage ${variant.rejection.stage}, which the grader does not have`);
    }
  }
  return { grader, variants, starter };
}

export interface StageCoverage {
  stage: string;
  variants: BiteVariant[];
}

/** Each stage of the grader, in order, with the variants aimed at it (none is a gap). */
export function biteCoverage(suite: BiteSuite): StageCoverage[] {
  return suite.grader.stages.map((stage) => ({
    stage: stage.slug,
    variants: suite.variants.filter((variant) => variant.rejection.stage === stage.slug),
  }));
}
