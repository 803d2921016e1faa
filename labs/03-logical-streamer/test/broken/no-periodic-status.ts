/**
 * Broken on purpose: speaks only when asked — no status updates of its own. While the server
 * asks (wal_sender_timeout > 0) it survives, but its position is reported late or never; the
 * status-updates stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { ReplicationStream } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class NoPeriodicStatus extends ReplicationStream {
  protected override startStatusTimer(): void {}
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: NoPeriodicStatus }));
