/**
 * Broken on purpose: when `drop` refuses a slot that is being read, it prints why and exits
 * with code 0, as it does when there is nothing to drop. A script that runs `drop && …` goes
 * on as if the slot were gone, while it still holds WAL back. The drop stage must reject it.
 */
import { ReplicationError, runMain } from '@cdc-lab/common';
import { dropSlot } from '../../src/drop.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  dropSlot: (command) => dropSlot(command).catch((error: unknown) => {
    if (!(error instanceof ReplicationError)) throw error;
    console.log(`Not dropped: ${error.message}`);
  }),
}));
