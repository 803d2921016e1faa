/**
 * Broken on purpose: holds each transaction's records until its commit arrives, then hands them
 * to the pipeline, "so that Kafka only ever sees whole transactions". pgoutput sends a
 * transaction only after it committed, so this buys nothing — and a transaction of a million
 * rows is a million records in memory at once, enough to run a small container out of memory.
 * The large-transaction stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { SerializedRecord } from '../../src/envelope/index.ts';
import { ProducePipeline } from '../../src/produce/pipeline.ts';
import type { CommitPoint } from '../../src/produce/record-batch.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class WholeTransactionPipeline extends ProducePipeline {
  private held: SerializedRecord[] = [];
  /** The last transaction handed on, with the reference's backpressure, record by record. */
  private handingOn: Promise<void> = Promise.resolve();

  override async add(records: readonly SerializedRecord[]): Promise<void> {
    await this.handingOn;
    this.held.push(...records);
  }

  override commit(point: CommitPoint): void {
    const transaction = this.held;
    this.held = [];
    this.handingOn = this.handingOn.then(async () => {
      for (const record of transaction) await super.add([record]);
      super.commit(point);
    });
  }

  override async flush(timeoutMs?: number): Promise<boolean> {
    await this.handingOn;
    return super.flush(timeoutMs);
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Pipeline: WholeTransactionPipeline }));
