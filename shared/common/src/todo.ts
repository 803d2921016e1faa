import { CdcLabError } from './errors.ts';

/** What a starter throws where the learner has work to do. */
export class NotImplementedError extends CdcLabError {
  constructor(readonly step: string, readonly docs: string) {
    super(`TODO: ${step} is not implemented yet`, { hint: `read ${docs}, then write it in this function` });
  }
}

/**
 * Mark the place where a learner writes code. The program stops loudly, naming the step and
 * the section of the chapter that teaches it, and the grader quotes both back.
 */
export function todo(step: string, docs: string): never {
  throw new NotImplementedError(step, docs);
}
