import type { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import type { CommittedTransaction } from './committed.ts';

/**
 * Confirming a transaction to the slot, now or — with --confirm-delay — a while after Kafka
 * acknowledged it. The delay is a teaching aid: it holds open the window in which a crash
 * leaves events in Kafka that the slot will send again, so that duplicates can be made on
 * purpose. The relay goes on relaying meanwhile; positions only ever move forward.
 */
export class Confirmations {
  private readonly waiting = new Map<NodeJS.Timeout, CommittedTransaction>();

  constructor(private readonly stream: ReplicationStream, private readonly delayMs: number, private readonly print: (line: string) => void) {}

  confirm(transaction: CommittedTransaction): void {
    if (this.delayMs === 0) {
      this.now(transaction);
      return;
    }
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.now(transaction);
    }, this.delayMs);
    this.waiting.set(timer, transaction);
  }

  /** On the way out: what Kafka has acknowledged may be confirmed at once. */
  flush(): void {
    for (const [timer, transaction] of this.waiting) {
      clearTimeout(timer);
      this.now(transaction);
    }
    this.waiting.clear();
  }

  private now(transaction: CommittedTransaction): void {
    this.stream.confirmFlushedLsn(transaction.endLsn);
    this.print(`confirmed transaction ${transaction.xid} at ${transaction.endLsn.toString()}`);
  }
}
