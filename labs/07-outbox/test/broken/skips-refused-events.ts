/**
 * Broken on purpose: when Kafka refuses a transaction's events, it logs the failure, confirms the
 * transaction anyway and goes on, the "skip the poison message" reflex. The event is lost for
 * good, and on a quiet database nothing shows that anything went wrong. The oversized-event
 * stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  deliverTransaction: async (records, transaction, context) => {
    try {
      await referenceParts.deliverTransaction(records, transaction, context);
    } catch (error) {
      context.print(`skipping ${records.length} event(s) Kafka refused: ${(error as Error).message}`);
      context.confirmations.confirm(transaction.xid, transaction.endLsn);
    }
  },
}));
