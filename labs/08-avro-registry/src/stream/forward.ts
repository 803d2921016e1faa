import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';
import type { Pipeline } from '@cdc-lab/04-kafka-bridge/produce/pipeline';
import type { SizeTally } from '../sizes/size-tally.ts';
import type { frame } from '../wire-format.ts';
import { avroRecordsFor, type AvroRecord } from './avro-records.ts';
import type { RegisteredTables } from './registered-tables.ts';

export interface ForwardContext {
  /** Lab 4's produce pipeline: batches, one in flight, backpressure; acknowledged batches go on to be confirmed. */
  pipeline: Pipeline<AvroRecord>;
  tables: RegisteredTables;
  topicPrefix: string;
  frame: typeof frame;
  sizes: SizeTally;
}

/**
 * Lab 4's loop with one part changed — how a change becomes records: each change becomes Avro
 * records (registering its table's schemas first if its shape is new) and goes into lab 4's
 * pipeline; each commit marks where its transaction ends. Nothing here waits for Kafka, except
 * when the pipeline is full, and nothing here confirms: the pipeline hands each batch Kafka
 * acknowledged to lab 4's Acknowledger, which confirms the last commit in it.
 *
 * A schema the registry refuses throws out of avroRecordsFor, so that change never becomes a
 * record and its commit never reaches the pipeline: the slot is not confirmed past it, and the
 * next run meets it again. Earlier changes of that transaction may already be in Kafka — sent
 * again with it later: at least once, as in lab 4.
 */
export async function forwardTransactions(captured: AsyncIterable<Captured>, context: ForwardContext): Promise<void> {
  for await (const item of captured) {
    switch (item.kind) {
      case 'change': {
        const records = await avroRecordsFor(item.event, context.topicPrefix, context.tables, context.frame);
        context.sizes.added(records);
        // Waits here while Kafka is behind: this is where backpressure reaches the stream.
        await context.pipeline.add(records);
        break;
      }
      case 'commit':
        // Confirming waits for Kafka to acknowledge the batch this commit travels with.
        context.pipeline.commit({ xid: item.transaction.xid, endLsn: item.endLsn });
        break;
      case 'message':
        // pg_logical_emit_message() output is lab 7's business; the bridge passes it by.
        break;
    }
  }
}
