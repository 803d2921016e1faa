/**
 * Broken on purpose: confirms only the commits of its own transactions, never a keepalive's
 * position. While its tables are quiet the slot's confirmed position stands still, and the
 * slot holds back every byte of WAL the rest of the server writes. The quiet-tables stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { BridgeStream } from '../../src/capture/bridge-stream.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class NeverConfirmsKeepalives extends BridgeStream {
  protected override caughtUp(): boolean {
    return false;
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: NeverConfirmsKeepalives }));
