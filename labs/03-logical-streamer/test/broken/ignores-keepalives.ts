/**
 * Broken on purpose: never answers the server's keepalives (its periodic status updates still
 * go out, every 10 s by default). With a short wal_sender_timeout the server hangs up on it;
 * the keepalives stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { PrimaryKeepalive } from '../../src/replication/index.ts';
import { ReplicationStream } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class IgnoresKeepalives extends ReplicationStream {
  protected override answerKeepalive(_keepalive: PrimaryKeepalive): void {}
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: IgnoresKeepalives }));
