/**
 * Broken on purpose: confirms after Kafka's acknowledgement, as it should, but the wrong
 * position — where the commit record starts (Begin's final LSN) rather than where it ends.
 * Postgres resends a transaction whose commit starts at or after the confirmed position, so
 * after every clean stop the last transaction is produced again. The shutdown stage must
 * reject it.
 */
import { runMain } from '@cdc-lab/common';
import { captureTransactions } from '../../src/capture/index.ts';
import { kafkaRecordsFor, serializeRecord } from '../../src/envelope/index.ts';
import type { Forwarding } from '../../src/forward-changes.ts';
import { referenceParts, runProgram } from '../../src/program.ts';

async function confirmCommitStart({ stream, builder, onRelation, pipeline, routing }: Forwarding): Promise<void> {
  for await (const captured of captureTransactions(stream, { builder, onRelation })) {
    if (captured.kind === 'change') await pipeline.add(kafkaRecordsFor(captured.event, routing).map(serializeRecord));
    if (captured.kind === 'commit') pipeline.commit({ xid: captured.transaction.xid, endLsn: captured.transaction.commitLsn });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, forward: confirmCommitStart }));
