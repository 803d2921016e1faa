/**
 * Broken on purpose: lets Postgres's refusal of the replication connection through as it came
 * ("permission denied to start WAL sender"), without the fix. The user learns that something
 * is not allowed, not that ALTER ROLE … REPLICATION is what to run. The no-replication stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { ReplicationStreamOptions } from '@cdc-lab/03-logical-streamer/replication';
import { BridgeStream } from '../../src/capture/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

// Lab 3's explanation keeps the driver's error as its cause: hand that on instead.
class UnexplainedStream extends BridgeStream {
  static override async open(options: ReplicationStreamOptions): Promise<BridgeStream> {
    try {
      return await super.open(options);
    } catch (error) {
      throw (error as { cause?: unknown }).cause ?? error;
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: UnexplainedStream }));
