import { todo } from '@cdc-lab/common';
import type { Producer } from 'kafkajs';
import type { RecordBatch } from '../../src/produce/record-batch.ts';

/** acks=-1 ("all"): the broker answers only once every in-sync replica has written the records. */
export const ACKS_ALL = -1;

/**
 * One batch, one sendBatch call: kafkajs makes one produce request per broker holding its
 * partitions, and resolves only when each of them has answered. Within a topic, records keep
 * the batch's order; the key picks the partition, so every change of a row goes to the same
 * partition, in the order it happened.
 */
export async function produceBatch(producer: Producer, batch: RecordBatch): Promise<void> {
  // TODO: produce the whole batch. How many requests should it cost? When may this promise
  //   resolve: when the leader has the records, or when every in-sync replica has them — and
  //   what hangs on the answer? Does a batch that carries only a commit need a request?
  return todo('producing a batch to Kafka', 'docs/04-kafka-bridge.md#batching');
}
