/**
 * Broken on purpose: deletes the connector with a plain DELETE, then drops its slot and its
 * publication. Kafka Connect keeps the connector's offsets under its name; a connector
 * registered again under that name looks for its old position in a slot that is gone, and
 * does not start afresh. The delete-drops-slot stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { dropSlotAfterDelete } from '../../src/lifecycle/drop-slot.ts';
import { waitUntilGone } from '../../src/lifecycle/remove.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  deleteConnectorAndSlot: async (connect, database, names, _config, timeoutMs) => {
    const connector = await connect.delete(names.connector);
    await waitUntilGone(connect, names.connector, timeoutMs);
    const slot = await dropSlotAfterDelete(database, names.slot);
    await database.query(`DROP PUBLICATION IF EXISTS "${names.publication.replaceAll('"', '""')}"`);
    return { connector, orphanedOffsets: false, slot };
  },
}));
process.exit();
