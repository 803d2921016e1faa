/**
 * Broken on purpose: rebuilds the replication connection's URL from its parts, with the user
 * name and password decoded, as if they were plain text. A password with @ or / then breaks
 * the URL it is put back into, and a role whose password has them cannot stream, although the
 * same DATABASE_URL works for every other client. The connection-settings stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { ReplicationStreamOptions } from '@cdc-lab/03-logical-streamer/replication';
import { BridgeStream } from '../../src/capture/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class ConcatenatedUrlStream extends BridgeStream {
  static override async open(options: ReplicationStreamOptions): Promise<BridgeStream> {
    const url = new URL(options.connectionString);
    const rebuilt = `postgres://${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}@${url.host}${url.pathname}${url.search}`;
    return super.open({ ...options, connectionString: rebuilt });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: ConcatenatedUrlStream }));
