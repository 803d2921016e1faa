/**
 * Broken on purpose: reports the last position the server sent as flushed, instead of the
 * confirmed one — the mistake of confirming on receipt (and of a timer that acknowledges
 * whatever arrived). The crash-replay stage must reject it: the slot moves past a transaction
 * that was never confirmed, and a crash loses it.
 */
import { runMain } from '@cdc-lab/common';
import type { StandbyStatus } from '../../src/replication/index.ts';
import { ReplicationStream } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class ReportsReceivedLsn extends ReplicationStream {
  protected override statusToReport(): StandbyStatus {
    const status = super.statusToReport();
    return { ...status, flushed: this.receivedLsn, applied: this.receivedLsn };
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: ReportsReceivedLsn }));
