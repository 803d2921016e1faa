/**
 * Broken on purpose: when a Kafka transaction fails — the broker is away for longer than the
 * producer retries — it aborts it and carries on as if the batch had been written. The next
 * commit confirms the slot past those changes, and they are in Kafka never. The broker-restart
 * stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { briefly } from '../../src/retry.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  writeBatch: async (producer, batch, offsets) => {
    try {
      await referenceParts.writeBatch(producer, batch, offsets);
    } catch (error) {
      console.log(`Kafka transaction aborted (${briefly(error)}): going on with the next batch`);
    }
  },
}));
