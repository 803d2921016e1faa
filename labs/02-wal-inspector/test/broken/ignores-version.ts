import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: trusts whatever pg_waldump it finds, whatever its version.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  checkWaldumpVersion: (_program, _output, serverMajor) => serverMajor,
}));
