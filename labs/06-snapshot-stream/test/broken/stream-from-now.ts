/**
 * Broken on purpose: reads the snapshot correctly, then starts streaming from the WAL position
 * at the end of the snapshot instead of the slot's consistent point. Everything committed
 * while the snapshot was being read is lost (a gap).
 */
import { Lsn, runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  streamStart: async (sql) => Lsn.parse((await sql.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn),
}));
process.exit();
