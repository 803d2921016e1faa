/**
 * Broken on purpose: keeps the first Relation message of each table for ever and drops later
 * ones, as if table shapes never changed. After ALTER TABLE the rows no longer match the shape
 * it knows. The schema-change stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { XLogData } from '@cdc-lab/03-logical-streamer/replication';
import { captureTransactions } from '../../src/capture/index.ts';
import { kafkaRecordsFor, serializeRecord } from '../../src/envelope/index.ts';
import type { Forwarding } from '../../src/forward-changes.ts';
import { referenceParts, runProgram } from '../../src/program.ts';

const RELATION = 0x52; // 'R'

async function* firstShapesOnly(stream: AsyncIterable<XLogData>): AsyncGenerator<XLogData> {
  const seen = new Set<number>();
  for await (const message of stream) {
    if (message.data[0] === RELATION) {
      const relationId = message.data.readUInt32BE(1);
      if (seen.has(relationId)) continue;
      seen.add(relationId);
    }
    yield message;
  }
}

async function withStaleShapes({ stream, builder, onRelation, pipeline, routing }: Forwarding): Promise<void> {
  for await (const captured of captureTransactions(firstShapesOnly(stream), { builder, onRelation })) {
    if (captured.kind === 'change') await pipeline.add(kafkaRecordsFor(captured.event, routing).map(serializeRecord));
    if (captured.kind === 'commit') pipeline.commit({ xid: captured.transaction.xid, endLsn: captured.endLsn });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, forward: withStaleShapes }));
