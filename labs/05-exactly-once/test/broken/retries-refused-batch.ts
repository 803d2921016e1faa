/**
 * Broken on purpose: when Kafka refuses a transaction, it aborts and tries the same batch again,
 * for ever. A record too large for its topic never fits, so the bridge spins without a word of
 * what is wrong while the slot holds WAL. The oversized-event stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  writeBatch: async (producer, batch, offsets) => {
    for (;;) {
      try {
        return await referenceParts.writeBatch(producer, batch, offsets);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  },
}));
