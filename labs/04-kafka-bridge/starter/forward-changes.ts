import type { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { captureTransactions, type CaptureOptions } from './capture/index.ts';
import { kafkaRecordsFor, serializeRecord, type TopicRouting } from './envelope/index.ts';
import type { Pipeline } from './produce/pipeline.ts';

export interface Forwarding extends CaptureOptions {
  stream: ReplicationStream;
  pipeline: Pipeline;
  routing: TopicRouting;
}

/**
 * The path of one change, top to bottom: receive, decode and shape (captureTransactions),
 * turn into Kafka records (kafkaRecordsFor: the event, and a tombstone after a delete), produce
 * (the pipeline batches and sends), and — only once Kafka has acknowledged — confirm (the
 * pipeline hands acknowledged batches to the Acknowledger). Nothing in this loop confirms.
 */
export async function forwardChanges({ stream, builder, onRelation, pipeline, routing }: Forwarding): Promise<void> {
  for await (const captured of captureTransactions(stream, { builder, onRelation })) {
    switch (captured.kind) {
      case 'change':
        // Waits here while Kafka is behind: this is where backpressure reaches the stream.
        await pipeline.add(kafkaRecordsFor(captured.event, routing).map(serializeRecord));
        break;
      case 'commit':
        // Marks where the transaction ends among the records; confirming waits for Kafka.
        pipeline.commit({ xid: captured.transaction.xid, endLsn: captured.endLsn });
        break;
      case 'message':
        // pg_logical_emit_message() output is lab 7's business; the bridge passes it by.
        break;
    }
  }
}
