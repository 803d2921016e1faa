/**
 * Broken on purpose: passes on what Postgres says when its slot has been invalidated, and
 * nothing more. The user reads "cannot read from logical replication slot" and is left to
 * guess that the WAL is gone, what was lost, and that only dropping the slot and taking a new
 * snapshot gets the stream going again. The slot-lost stage must reject it.
 */
import { ReplicationError, runMain } from '@cdc-lab/common';
import { ReplicationStream, SlotInvalidatedError, type ReplicationStreamOptions } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class RawLostSlotError extends ReplicationStream {
  static override async open(options: ReplicationStreamOptions): Promise<ReplicationStream> {
    try {
      return await super.open(options);
    } catch (error) {
      if (error instanceof SlotInvalidatedError) throw new ReplicationError(`Postgres refused to start streaming: ${(error.cause as Error).message}`);
      throw error;
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: RawLostSlotError }));
