/**
 * Broken on purpose: on Ctrl-C it ends the copy stream without a last status update, so what
 * was confirmed since the previous update never reaches Postgres and comes again next time.
 * The shutdown stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { ReplicationStream } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class NoFinalStatus extends ReplicationStream {
  protected override sendFinalStatusUpdate(): void {}
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: NoFinalStatus }));
