import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: every record of the range is taken for the transaction's, including
// what other sessions and background processes wrote meanwhile.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  classifyRecord: () => 'transaction',
}));
