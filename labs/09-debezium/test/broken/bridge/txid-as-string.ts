/** Lab 4's bridge with one field mis-shaped: source.txId as a string, not a number. */
import { runMain } from '@cdc-lab/common';
import { forwardChanges, type Forwarding } from '@cdc-lab/04-kafka-bridge/forward-changes';
import { referenceParts } from '@cdc-lab/04-kafka-bridge/parts';
import { runProgram } from '@cdc-lab/04-kafka-bridge/program';

async function txIdAsString(forwarding: Forwarding): Promise<void> {
  const add = forwarding.pipeline.add.bind(forwarding.pipeline);
  forwarding.pipeline.add = (records) => add(records.map((record) => record.value === null ? record : { ...record, value: record.value.replace(/"txId":(\d+)/, '"txId":"$1"') }));
  return forwardChanges(forwarding);
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, forward: txIdAsString }));
process.exit();
