/**
 * The queue between the capture loop (reading the slot) and the sink loop (writing Kafka
 * transactions). Bounded: when the sink falls behind, `push` waits, the capture loop stops
 * reading, the replication stream's inbox fills and it stops reading the socket — so memory
 * stays bounded whatever the size of a transaction. While one Kafka transaction is being
 * committed the next items gather here, which is what lets the sink group small transactions.
 */
export class Handoff<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: unknown;
  private wakeTaker: (() => void) | undefined;
  private wakePusher: (() => void) | undefined;

  constructor(private readonly capacity: number) {}

  /** Add an item, waiting while the queue is full. Throws once the sink side has given up. */
  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.ended) {
      await new Promise<void>((resolve) => (this.wakePusher = resolve));
    }
    if (this.ended) throw this.failure ?? new Error('the handoff was closed');
    this.items.push(item);
    this.wakeTaker?.();
  }

  /** The next item if one is waiting. */
  shift(): T | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.wakePusher?.();
    return item;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Wait until an item is waiting (true) or the queue has ended and is empty (false). */
  async waitForItem(): Promise<boolean> {
    while (this.items.length === 0) {
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return false;
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    }
    return true;
  }

  /** No more items: the stream stopped (Ctrl-C) or failed (`failure`), or the sink gave up. */
  end(failure?: unknown): void {
    this.ended = true;
    if (failure !== undefined && this.failure === undefined) this.failure = failure;
    this.wakeTaker?.();
    this.wakePusher?.();
  }
}
