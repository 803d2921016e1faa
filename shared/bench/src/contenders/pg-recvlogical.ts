import path from 'node:path';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { ChildProgram } from './child-program.ts';
import type { Contender, ContenderContext } from './contender.ts';

/**
 * Postgres's own client for logical replication, writing pgoutput's binary stream to /dev/null:
 * the cost of decoding and sending, with nothing done to the changes. No pipeline that reads a
 * slot can be faster, so it is the ceiling the others are measured against.
 *
 *   --endpos       exit once the server has sent everything up to the workload's end
 *   --fsync-interval=0   never fsync the output (it is /dev/null)
 */
export const pgRecvlogical: Contender = {
  id: 'pg_recvlogical',
  label: 'pg_recvlogical → /dev/null',
  plugin: 'pgoutput',
  sink: 'discard',
  settings: 'pgoutput proto_version 1, output to /dev/null, exits at --endpos',
  async start(ctx: ContenderContext) {
    if (!ctx.postgresBinDir || !ctx.endLsn) {
      throw new ConfigurationError('pg_recvlogical needs the local Postgres binaries and the workload\'s end LSN');
    }
    // The password goes in the environment, not on a command line every `ps` shows.
    const url = new URL(ctx.databaseUrl);
    const password = decodeURIComponent(url.password);
    url.password = '';
    return new ChildProgram(path.join(ctx.postgresBinDir, 'pg_recvlogical'), [
      `--dbname=${url.toString()}`,
      `--slot=${ctx.slot}`,
      '--start',
      `--endpos=${ctx.endLsn}`,
      '--option=proto_version=1',
      `--option=publication_names=${ctx.publication}`,
      '--file=/dev/null',
      '--fsync-interval=0',
      '--no-loop',
    ], { env: { ...process.env, PGPASSWORD: password }, cwd: repoRoot() });
  },
};
