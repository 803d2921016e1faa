/**
 * Broken on purpose: answers every failure to start streaming with one generic message and
 * drops what Postgres said. A second streamer on a slot that is already being read is told
 * only "could not start streaming", and its user has no idea that another process holds the
 * slot. The slot-in-use stage must reject it.
 */
import { ReplicationError, runMain } from '@cdc-lab/common';
import { ReplicationStream, type ReplicationStreamOptions } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class GenericStartError extends ReplicationStream {
  static override async open(options: ReplicationStreamOptions): Promise<ReplicationStream> {
    try {
      return await super.open(options);
    } catch {
      throw new ReplicationError(`could not start streaming from slot '${options.slot}'`, { hint: 'check that Postgres is running, then try again' });
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: GenericStartError }));
