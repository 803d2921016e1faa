/**
 * Broken on purpose: starts streaming at the server's current WAL position instead of 0/0 (the
 * slot's confirmed position), as if the stream were live only. Postgres then skips every
 * transaction that committed while the streamer was stopped, although the slot kept its WAL
 * for exactly that: each restart loses the changes made while it was down. The backlog stage
 * must reject it.
 */
import { Lsn, runMain } from '@cdc-lab/common';
import { ReplicationStream, type ReplicationStreamOptions } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { withConnection } from '../../src/sql-connection.ts';

class StartsAtCurrentWal extends ReplicationStream {
  static override async open(options: ReplicationStreamOptions): Promise<ReplicationStream> {
    const current = await withConnection(options.connectionString, options.slot, async (client) => {
      const result = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      return Lsn.parse(result.rows[0]!.lsn);
    });
    return super.open({ ...options, startLsn: current });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: StartsAtCurrentWal }));
