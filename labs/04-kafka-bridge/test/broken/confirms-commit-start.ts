/**
 * Broken on purpose: confirms after Kafka's acknowledgement, as it should, but the wrong
 * position — where the commit record starts (Begin's final LSN) rather than where it ends.
 * Postgres resends a transaction whose commit starts at or after the confirmed position, so
 * after every clean stop the last transaction is produced again. The shutdown stage must
 * reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { CommitItem, LoopContext } from '../../src/forward-changes.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function markCommitStart(commit: CommitItem, { pipeline }: LoopContext): void {
  pipeline.commit({ xid: commit.transaction.xid, endLsn: commit.transaction.commitLsn });
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, commitArrived: markCommitStart }));
