/**
 * Broken on purpose: confirms each transaction as soon as its commit arrives, before Kafka has
 * acknowledged (or even received) its records. A crash — or a broker that never answers —
 * and the slot has moved past changes Kafka does not have. The backpressure stage freezes the
 * broker and must see the slot move.
 */
import { runMain } from '@cdc-lab/common';
import { captureTransactions } from '../../src/capture/index.ts';
import { kafkaRecordsFor, serializeRecord } from '../../src/envelope/index.ts';
import type { Forwarding } from '../../src/forward-changes.ts';
import { referenceParts, runProgram } from '../../src/program.ts';

async function confirmOnArrival({ stream, builder, onRelation, pipeline, routing }: Forwarding): Promise<void> {
  for await (const captured of captureTransactions(stream, { builder, onRelation })) {
    if (captured.kind === 'change') await pipeline.add(kafkaRecordsFor(captured.event, routing).map(serializeRecord));
    if (captured.kind === 'commit') {
      stream.confirmFlushedLsn(captured.endLsn);
      pipeline.commit({ xid: captured.transaction.xid, endLsn: captured.endLsn });
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, forward: confirmOnArrival }));
