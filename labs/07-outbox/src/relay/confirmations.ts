import type { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import type { Lsn } from '@cdc-lab/common';

/**
 * Confirming a transaction to the slot, now or — with --confirm-delay — a while after Kafka
 * acknowledged it. The delay is a teaching aid: it holds open the window in which a crash
 * leaves events in Kafka that the slot will send again, so that duplicates can be made on
 * purpose. The relay goes on relaying meanwhile; positions only ever move forward.
 */
export class Confirmations {
  private readonly waiting = new Map<NodeJS.Timeout, { xid: number; position: Lsn }>();

  constructor(private readonly stream: ReplicationStream, private readonly delayMs: number, private readonly print: (line: string) => void) {}

  /** Tell the slot that transaction `xid` is done, up to `position`: after a restart, Postgres skips it. */
  confirm(xid: number, position: Lsn): void {
    if (this.delayMs === 0) {
      this.now(xid, position);
      return;
    }
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.now(xid, position);
    }, this.delayMs);
    this.waiting.set(timer, { xid, position });
  }

  /** On the way out: what Kafka has acknowledged may be confirmed at once. */
  flush(): void {
    for (const [timer, { xid, position }] of this.waiting) {
      clearTimeout(timer);
      this.now(xid, position);
    }
    this.waiting.clear();
  }

  private now(xid: number, position: Lsn): void {
    this.stream.confirmFlushedLsn(position);
    this.print(`confirmed transaction ${xid} at ${position.toString()}`);
  }
}
