/**
 * Broken on purpose: when Kafka refuses a batch, it logs the error and carries on as if the
 * batch had gone out, the "skip the poison message" reflex. The event is lost, its transaction
 * is confirmed with the next acknowledgement, and on a quiet database nobody notices. The
 * oversized-event stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { produceBatch } from '../../src/kafka/produce-batch.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  produce: async (producer, batch) => {
    try {
      await produceBatch(producer, batch);
    } catch (error) {
      console.error(`skipping a batch Kafka refused: ${(error as Error).message}`);
    }
  },
}));
