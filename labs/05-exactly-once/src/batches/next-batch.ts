import type { TopicRouting } from '@cdc-lab/04-kafka-bridge/envelope';
import type { TransactionItem } from '../items.ts';
import { Batch } from './batch.ts';
import type { Handoff } from './handoff.ts';

export interface BatchLimits {
  /** At most this many Postgres transactions per Kafka transaction (--batch-transactions). */
  transactions: number;
  /** At most this many changes per Kafka transaction; a bigger Postgres transaction is split (--batch-changes). */
  changes: number;
  /**
   * At most about this many bytes of records (--batch-bytes). kafkajs sends the records of one
   * partition as one record batch, and the broker refuses a batch larger than
   * message.max.bytes (1 MiB by default) with MESSAGE_TOO_LARGE.
   */
  bytes: number;
}

/**
 * Take the next batch from the handoff — group commit. Whatever has arrived while the
 * previous Kafka transaction was committing goes into the next one, up to the limits:
 *
 *   - at a commit, with nothing more waiting: write now (an idle bridge adds no delay);
 *   - at a commit, with `transactions` Postgres transactions in the batch: write now;
 *   - inside a transaction with nothing waiting: wait for the rest of it;
 *   - at `changes` changes or `bytes` bytes, even inside a transaction: write this piece now,
 *     so that memory stays bounded and the broker accepts it; the position's index says where
 *     the next piece starts.
 *
 * Returns null once the handoff has ended and nothing is left.
 */
export async function nextBatch(handoff: Handoff<TransactionItem>, limits: BatchLimits, routing: TopicRouting): Promise<Batch | null> {
  const batch = new Batch(routing);
  for (;;) {
    const item = handoff.shift();
    if (item === undefined) {
      if (!batch.isEmpty && batch.endsAtCommit) return batch;
      if (!(await handoff.waitForItem())) return batch.isEmpty ? null : batch;
      continue;
    }
    batch.add(item);
    if (batch.changes >= limits.changes || batch.bytes >= limits.bytes) {
      // A commit right behind the last change adds no record: let it close the transaction here.
      if (handoff.peek()?.kind === 'commit') batch.add(handoff.shift()!);
      return batch;
    }
    if (item.kind === 'commit' && batch.transactions >= limits.transactions) return batch;
  }
}
