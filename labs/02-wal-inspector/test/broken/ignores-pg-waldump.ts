import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: ignores PG_WALDUMP and --waldump, and searches the usual places instead.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  findWaldump: ({ explicit: _ignored, ...search }) => lessonSteps.findWaldump(search),
}));
