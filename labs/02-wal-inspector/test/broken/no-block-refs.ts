import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: the parser stops at the description and drops the block references,
// so no record can say which table it changed.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  parseWaldumpLine: (line) => ({ ...lessonSteps.parseWaldumpLine(line), blockRefs: [] }),
}));
