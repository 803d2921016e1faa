/**
 * Broken on purpose: deletes the connector and stops there, trusting Kafka Connect to clean
 * up. The slot stays, keeping WAL for a reader that will never come. The delete-drops-slot
 * stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { removeConnector, waitUntilGone } from '../../src/lifecycle/remove.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  deleteConnectorAndSlot: async (connect, _database, names, _config, timeoutMs) => {
    const connector = await removeConnector(connect, names.connector, timeoutMs);
    await waitUntilGone(connect, names.connector, timeoutMs);
    return { connector, orphanedOffsets: false, slot: false };
  },
}));
process.exit();
