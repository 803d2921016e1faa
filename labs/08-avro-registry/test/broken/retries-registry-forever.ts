/**
 * Broken on purpose: when the registry cannot be reached it waits a little and registers again,
 * for ever, without a word. While the registry is down the bridge looks alive and does nothing,
 * and no one is told why. The registry-down stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  registerSchema: async (...args) => {
    for (;;) {
      try {
        return await referenceParts.registerSchema(...args);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  },
}));
