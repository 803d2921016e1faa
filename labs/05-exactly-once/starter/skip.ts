import { todo } from '@cdc-lab/common';
import type { TransactionItem } from '../src/items.ts';
import type { Position } from '../src/position.ts';

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
  // TODO: say whether Kafka already has this item. Without a position, what does Kafka have?
  //   With one, how do you order two transactions (and why not by comparing LSNs as text)?
  //   Inside the position's own transaction, which changes are in Kafka — and when is its
  //   commit?
  return todo('skipping what Kafka already has', 'docs/05-exactly-once.md#resuming');
}
