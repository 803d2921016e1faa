/**
 * Broken on purpose: confirms each transaction as soon as its commit arrives, before Kafka has
 * acknowledged (or even received) its records. A crash — or a broker that never answers —
 * and the slot has moved past changes Kafka does not have: they are lost for good. The
 * at-least-once stage must reject it, and so must the backpressure stage (a frozen broker).
 */
import { runMain } from '@cdc-lab/common';
import { commitArrived, type CommitItem, type LoopContext } from '../../src/forward-changes.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function confirmOnArrival(commit: CommitItem, loop: LoopContext): void {
  loop.stream.confirmFlushedLsn(commit.endLsn);
  commitArrived(commit, loop);
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, commitArrived: confirmOnArrival }));
