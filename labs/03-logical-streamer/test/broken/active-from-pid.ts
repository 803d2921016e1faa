/**
 * Broken on purpose: `status` decides whether the slot is read from active_pid, compared with
 * undefined — but node-postgres gives null for SQL NULL, so every slot shows "active: yes". An
 * abandoned slot then looks looked after, nobody drops it, and it holds WAL back until the disk
 * is full. The status stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { withConnection } from '../../src/sql-connection.ts';
import { formatSlotStatus, missingSlot, readSlotStatus } from '../../src/status.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  showStatus: async (command) => {
    const status = await withConnection(command.connectionString, command.slot, (client) => readSlotStatus(client, command.slot));
    if (!status) throw missingSlot(command.slot);
    for (const line of formatSlotStatus({ ...status, active: status.activePid !== undefined })) console.log(line);
  },
}));
