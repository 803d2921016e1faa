/**
 * Broken on purpose: locks each table in ROW SHARE mode (what SELECT … FOR SHARE takes) before
 * reading it, "to be safe". The exported snapshot needs no lock; this one conflicts with
 * EXCLUSIVE and ACCESS EXCLUSIVE and shows up in pg_locks.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { quotedName } from '../../src/snapshot/tables.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  readChunk: async (client, table, after, limit) => {
    await client.query(`LOCK TABLE ${quotedName(table)} IN ROW SHARE MODE`);
    return referenceParts.readChunk(client, table, after, limit);
  },
}));
process.exit();
