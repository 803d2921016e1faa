/**
 * Broken on purpose: produces the delete event but not the tombstone after it, so a compacted
 * topic keeps the deleted row's key for ever. The tombstones stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { captureTransactions } from '../../src/capture/index.ts';
import { kafkaRecordsFor, serializeRecord } from '../../src/envelope/index.ts';
import type { Forwarding } from '../../src/forward-changes.ts';
import { referenceParts, runProgram } from '../../src/program.ts';

async function withoutTombstones({ stream, builder, onRelation, pipeline, routing }: Forwarding): Promise<void> {
  for await (const captured of captureTransactions(stream, { builder, onRelation })) {
    if (captured.kind === 'change') {
      const records = kafkaRecordsFor(captured.event, routing).filter((record) => record.value !== null);
      await pipeline.add(records.map(serializeRecord));
    }
    if (captured.kind === 'commit') pipeline.commit({ xid: captured.transaction.xid, endLsn: captured.endLsn });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, forward: withoutTombstones }));
