import type { Producer } from 'kafkajs';
import { SinkError, todo } from '@cdc-lab/common';
import type { Batch } from '../src/batches/batch.ts';
import type { OffsetsTopic } from './offsets-topic.ts';
import { encodePosition } from '../src/position.ts';

/**
 * The heart of the lab: the events of a batch and the position after them go to Kafka in ONE
 * transaction. Kafka makes the records of a transaction visible to read_committed consumers
 * all at once, on commit, or never (abort, or a crash before the commit):
 *
 *   begin ─ events → <prefix>.<schema>.<table> ─ position → <prefix>.offsets ─ commit
 *
 * So there is no moment at which the events are in Kafka and the position is not, or the
 * other way round — the gap every other place to keep the position leaves open. A position
 * read back after any crash names exactly the last change a consumer can see.
 *
 * On failure the transaction is aborted as far as that is possible, and the error goes up:
 * the caller starts again from the position in Kafka. It must not simply retry the batch —
 * a commit whose answer was lost may have succeeded, and only the position in Kafka knows.
 */
export async function writeBatch(producer: Producer, batch: Batch, offsets: OffsetsTopic): Promise<void> {
  // TODO: put the batch's events and the position after them (batch.position, encoded for the
  //   offsets topic under the slot's key) into Kafka so that a read_committed consumer sees
  //   both or neither. What do you do when any step fails — and why must you not simply try
  //   the same batch again?
  return todo('writing events and position in one Kafka transaction', 'docs/05-exactly-once.md#one-kafka-transaction');
}
