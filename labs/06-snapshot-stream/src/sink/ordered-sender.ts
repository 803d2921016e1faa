import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import type { KafkaSink } from './kafka-sink.ts';

/** Past this many waiting events, the stream waits for Kafka: memory stays bounded. */
const MAX_WAITING_EVENTS = 5_000;

/**
 * Group commit towards Kafka. One batch is in flight at a time; while it is, the transactions
 * that arrive gather into the next batch, which leaves as soon as the first is acknowledged.
 * A batch carries the work to do once Kafka has it (write the bookmark, confirm the LSN), and
 * that work runs in order, only after the acknowledgement: the at-least-once rule.
 *
 * One request per transaction would cap the stream at one round trip per transaction — under a
 * busy writer the stream falls behind, and with it every watermark of an incremental snapshot.
 */
export class OrderedSender {
  private waiting: { events: ChangeEvent[]; afterAck: (() => void)[] } = { events: [], afterAck: [] };
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(private readonly sink: KafkaSink) {}

  async add(events: readonly ChangeEvent[]): Promise<void> {
    this.waiting.events.push(...events);
    await this.pushBack();
  }

  /** The end of a transaction: `afterAck` runs once Kafka has acknowledged everything added so far. */
  async commit(afterAck: () => void): Promise<void> {
    this.waiting.afterAck.push(afterAck);
    await this.pushBack();
  }

  /** Wait until everything added has been acknowledged (and its work done). */
  async drain(): Promise<void> {
    while (this.inFlight || this.waiting.afterAck.length > 0 || this.waiting.events.length > 0) {
      this.throwIfFailed();
      if (!this.inFlight) this.send();
      await this.inFlight;
    }
    this.throwIfFailed();
  }

  private async pushBack(): Promise<void> {
    this.throwIfFailed();
    if (!this.inFlight) this.send();
    while (this.waiting.events.length >= MAX_WAITING_EVENTS && this.inFlight) {
      await this.inFlight;
      this.throwIfFailed();
      if (!this.inFlight) this.send();
    }
  }

  private send(): void {
    const batch = this.waiting;
    if (batch.events.length === 0 && batch.afterAck.length === 0) return;
    this.waiting = { events: [], afterAck: [] };
    this.inFlight = (async () => {
      await this.sink.send(batch.events);
      for (const work of batch.afterAck) work();
    })().then(
      () => {
        this.inFlight = null;
        this.send();
      },
      (error: unknown) => {
        this.failure = error;
        this.inFlight = null;
      },
    );
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}
