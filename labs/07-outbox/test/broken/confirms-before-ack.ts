/**
 * Broken on purpose: confirms each transaction when its commit arrives, then sends its events.
 * A crash while the send is on its way loses them for good; the confirm-after-ack stage must
 * reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { sendAcknowledged, type deliverTransaction } from '../../src/relay/deliver.ts';

const confirmThenSend: typeof deliverTransaction = async (records, transaction, context) => {
  context.confirmations.confirm(transaction.xid, transaction.endLsn);
  await sendAcknowledged(records, context);
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, deliverTransaction: confirmThenSend }));
