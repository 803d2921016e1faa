import { CdcLabError, SinkError, todo } from '@cdc-lab/common';
import type { SerializedRecord } from '../../src/envelope/index.ts';
import { DEFAULT_BATCH_LIMITS, RecordBatch, type BatchLimits, type CommitPoint, type ProducedRecord } from '../../src/produce/record-batch.ts';

/** Hand one batch to Kafka; resolves once Kafka has acknowledged every record in it. */
export type SendBatch = (batch: RecordBatch) => Promise<void>;

/** Told about each batch Kafka acknowledged, in the order they were added. */
export type OnAcknowledged = (batch: RecordBatch) => void;

/**
 * What the loop that reads the stream needs from the produce side. `R` is the form its records
 * take: this bridge's JSON text by default; a later lab passes Avro bytes through the same pipeline.
 */
export interface Pipeline<R extends ProducedRecord = SerializedRecord> {
  /** Add the records of one change; resolves when there is room for the next. */
  add(records: readonly R[]): Promise<void>;
  /** A transaction ended here: once Kafka has everything up to this point, it may be confirmed. */
  commit(point: CommitPoint): void;
  /** Stop waiting for room (Ctrl-C). */
  stop(): void;
  /** Send what is left and wait (at most `timeoutMs`) for Kafka to acknowledge it; false if time ran out. */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Records Kafka has not acknowledged yet. */
  readonly unacknowledged: number;
}

/** How the bridge makes its pipeline (the broken variants bring their own). */
export type PipelineFactory = new (send: SendBatch, onAcknowledged: OnAcknowledged) => Pipeline;

/**
 * Batching with backpressure, and order by construction. Two batches exist at any time:
 *
 *   in flight   the one batch Kafka is writing — never more than one
 *   filling     the batch new records go into
 *
 * When nothing is in flight, whatever has been added goes out at once: an idle bridge sends
 * each change as it comes, a busy one sends big batches, because everything that arrives
 * while a batch is in flight waits for the next. When the filling batch is full and one is in
 * flight, add() does not return until Kafka has answered: the loop that reads the replication
 * stream stops, the stream's inbox fills, the stream stops reading its socket, and Postgres
 * waits. Memory holds two batches and the stream's inbox, whatever Kafka's speed and however
 * large a transaction.
 *
 * One batch in flight means batches are acknowledged in the order they were added, so the
 * acknowledgement of a batch covers every record added before its last one.
 */
export class ProducePipeline<R extends ProducedRecord = SerializedRecord> implements Pipeline<R> {
  private filling: RecordBatch;
  private inFlight: Promise<void> | null = null;
  private inFlightRecords = 0;
  private failure: unknown = null;
  private stopping = false;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly send: SendBatch,
    private readonly onAcknowledged: OnAcknowledged,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {
    this.filling = new RecordBatch(limits);
  }

  /**
   * Add the records of one change. Resolves when there is room for the next change; this is
   * where the bridge waits for a slow Kafka. Throws if Kafka refused an earlier batch.
   */
  async add(records: readonly R[]): Promise<void> {
    this.throwIfFailed();
    for (const record of records) this.filling.add(record);
    this.sendIfIdle();
    // TODO: backpressure. The records are in and a send has been tried. When may add() return,
    //   and what does it wait for while it may not? Return at once and the stream runs ahead of
    //   Kafka without bound; wait for ever and Ctrl-C cannot end the loop. And if the batch you
    //   waited for was refused?
    return todo('waiting for room in the pipeline', 'docs/04-kafka-bridge.md#backpressure');
  }

  /** A transaction ended: its commit travels with the batch that holds its last record (or after it). */
  commit(point: CommitPoint): void {
    this.throwIfFailed();
    this.filling.commit(point);
    this.sendIfIdle();
  }

  /** Records Kafka has not acknowledged yet (in flight or waiting). */
  get unacknowledged(): number {
    return this.inFlightRecords + this.filling.records;
  }

  /**
   * Stop waiting for room (Ctrl-C): add() returns at once from now on, so that the loop can end
   * even when Kafka does not answer. What was added is still sent by flush().
   */
  stop(): void {
    this.stopping = true;
    this.wakeAll();
  }

  /**
   * Send everything added so far and wait until Kafka has acknowledged it, for at most
   * `timeoutMs`. Returns false if time ran out: the rest stays unacknowledged (and unconfirmed).
   */
  async flush(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.throwIfFailed();
      this.sendIfIdle();
      if (!this.inFlight) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const timer = new Promise<void>((resolve) => setTimeout(resolve, Math.min(left, 2 ** 31 - 1)).unref());
      await Promise.race([this.nextSettlement(), timer]);
    }
  }

  /** The one place a batch leaves: only when none is in flight, so that Kafka sees batches in order. */
  private sendIfIdle(): void {
    if (this.inFlight || this.failure || this.filling.isEmpty) return;
    // TODO: the filling batch goes out and becomes the one in flight. What must the pipeline
    //   remember while it is in flight? When Kafka acknowledges it: who must hear of it, what
    //   happens to what filled up meanwhile, and who is waiting for room? When Kafka refuses
    //   it: how do the next add() and flush() learn of it — and why must nothing be sent after it?
    return todo('sending the next batch when none is in flight', 'docs/04-kafka-bridge.md#batching');
  }

  private nextSettlement(): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add(resolve));
  }

  private wakeAll(): void {
    for (const wake of this.waiting) wake();
    this.waiting.clear();
  }

  private throwIfFailed(): void {
    if (this.failure === null) return;
    if (this.failure instanceof CdcLabError) throw this.failure;
    throw new SinkError(`Kafka did not take a batch: ${this.failure instanceof Error ? this.failure.message : String(this.failure)}`, { cause: this.failure });
  }
}
