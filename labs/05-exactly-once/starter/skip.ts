import { todo } from '@cdc-lab/common';
import type { TransactionItem } from './items.ts';
import type { Position } from './position.ts';

/**
 * Resuming: Kafka is the source of truth, the slot only a lower bound. After a crash the slot
 * sends everything after its confirmed position again — which may include changes that were
 * committed to Kafka after the last status update reached Postgres. Those are dropped here, by
 * comparing each change's (commit LSN, index) with the position read back from Kafka:
 *
 *   an earlier transaction                  already in Kafka
 *   the position's transaction, index ≤ i   already in Kafka
 *   its commit                              in Kafka only if the position says `complete`
 *   anything later                          new: write it
 */
export function alreadyInKafka(position: Position | null, item: TransactionItem): boolean {
  // TODO: no position: nothing is in Kafka yet. Otherwise compare the item's transaction
  //   (item.transaction.commitLsn) with position.commitLsn
  //   (Lsn.compare), then, within that transaction, the change's index with position.index;
  //   a commit is in Kafka when the position says `complete`.
  return todo('skipping what Kafka already has', 'docs/05-exactly-once.md#resuming');
}
