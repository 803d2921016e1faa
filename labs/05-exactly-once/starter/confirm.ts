import { todo } from '@cdc-lab/common';
import type { BridgeStream } from '@cdc-lab/04-kafka-bridge/capture';
import type { Batch } from '../src/batches/batch.ts';

/**
 * The confirm-after-commit rule. Confirming tells Postgres it may forget every transaction up to
 * that LSN: the slot will never send them again. So it comes after the Kafka commit, never
 * before — and only for transactions that ended in the batch: a transaction written in pieces
 * is confirmed with its last piece. (The stream reports it at its next status update.)
 *
 * Confirming before the commit loses data: if the Kafka transaction then aborts — a crash, a
 * broker restart, a newer instance fencing this one — the changes are neither in Kafka nor in
 * the slot any more.
 */
export async function commitThenConfirm(stream: BridgeStream, batch: Batch, commit: (batch: Batch) => Promise<void>): Promise<void> {
  // TODO: commit the batch with the function you are given and tell Postgres it may forget
  //   what the batch completed. In which order, and what do you confirm if the commit fails?
  //   Which LSN do you confirm, and what does a batch that holds only a piece of a
  //   transaction let you confirm?
  return todo('confirming to Postgres after the Kafka commit', 'docs/05-exactly-once.md#confirm-after-commit');
}
