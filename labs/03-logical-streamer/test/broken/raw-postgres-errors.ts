/**
 * Broken on purpose: passes Postgres's refusal on as it is ("must be superuser or replication
 * role to start walsender"), without naming the role or the ALTER ROLE that fixes it. The user
 * is left to work out which attribute is missing and how to grant it. The no-replication stage
 * must reject it.
 */
import { CdcLabError, runMain } from '@cdc-lab/common';
import { ReplicationStream, type ReplicationStreamOptions } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class RawPostgresErrors extends ReplicationStream {
  static override async open(options: ReplicationStreamOptions): Promise<ReplicationStream> {
    try {
      return await super.open(options);
    } catch (error) {
      throw error instanceof CdcLabError && error.cause !== undefined ? error.cause : error;
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: RawPostgresErrors }));
