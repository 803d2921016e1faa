import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: passes pg_waldump's own error on, without saying what it means.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  explainWaldumpFailure: (failure) => failure,
}));
