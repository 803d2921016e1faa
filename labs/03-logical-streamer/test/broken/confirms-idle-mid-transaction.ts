/**
 * Broken on purpose: with --confirm-idle, confirms every keepalive's position, caught up or
 * not. A keepalive that arrives while a transaction is half printed moves the slot past that
 * transaction, and a crash then loses it; the caught-up stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { CaughtUpStream } from '../../src/test-decoding/caught-up-stream.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class ConfirmsWhenever extends CaughtUpStream {
  protected override caughtUp(): boolean {
    return true;
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, CaughtUpStream: ConfirmsWhenever }));
