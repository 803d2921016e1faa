/**
 * Broken on purpose: runs the bridge again whenever it fails, whatever the failure, "to be
 * resilient". When its slot has been dropped, the next run quietly makes a new one that starts
 * now: the changes in between are never in Kafka, and nothing says so. The slot-dropped stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { runProgram } from '../../src/program.ts';

await runMain(async () => {
  for (;;) {
    try {
      return await runProgram(process.argv.slice(2));
    } catch (error) {
      console.error(`the bridge failed (${(error as Error).message}); starting it again`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
});
