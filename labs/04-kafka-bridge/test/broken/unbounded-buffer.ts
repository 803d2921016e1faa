/**
 * Broken on purpose: never makes the stream wait. Full batches go into a queue that Kafka
 * drains when it can; while Kafka is slow the queue — and the process — grows with everything
 * Postgres sends. Order and confirmations are right; memory is not bounded. The backpressure
 * stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { SerializedRecord } from '../../src/envelope/index.ts';
import type { OnAcknowledged, Pipeline, SendBatch } from '../../src/produce/pipeline.ts';
import { RecordBatch, type CommitPoint } from '../../src/produce/record-batch.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class UnboundedPipeline implements Pipeline {
  private readonly queue: RecordBatch[] = [];
  private filling = new RecordBatch();
  private sending: Promise<void> | null = null;

  constructor(private readonly send: SendBatch, private readonly onAcknowledged: OnAcknowledged) {}

  async add(records: readonly SerializedRecord[]): Promise<void> {
    for (const record of records) this.filling.add(record);
    if (this.filling.isFull) this.enqueue();
  }

  commit(point: CommitPoint): void {
    this.filling.commit(point);
    this.enqueue();
  }

  stop(): void {}

  async flush(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    this.enqueue();
    const deadline = Date.now() + timeoutMs;
    while (this.sending && Date.now() < deadline) await Promise.race([this.sending, new Promise((resolve) => setTimeout(resolve, 100))]);
    return this.sending === null;
  }

  get unacknowledged(): number {
    return this.queue.reduce((sum, batch) => sum + batch.records, this.filling.records);
  }

  private enqueue(): void {
    if (!this.filling.isEmpty) this.queue.push(this.filling);
    this.filling = new RecordBatch();
    this.pump();
  }

  private pump(): void {
    if (this.sending) return;
    const batch = this.queue.shift();
    if (!batch) return;
    this.sending = this.send(batch).then(() => {
      this.sending = null;
      this.onAcknowledged(batch);
      this.pump();
    });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Pipeline: UnboundedPipeline }));
