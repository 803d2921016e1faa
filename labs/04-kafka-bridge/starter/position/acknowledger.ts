import { todo } from '@cdc-lab/common';
import type { Lsn } from '@cdc-lab/common';
import type { CommitPoint, RecordBatch } from '../../src/produce/record-batch.ts';
import { ProgressReport } from '../../src/position/progress-report.ts';

/** The one thing the acknowledger needs from the replication stream. */
export interface Confirmable {
  confirmFlushedLsn(lsn: Lsn): void;
}

export interface AcknowledgerOptions {
  /** --confirm-delay: wait this long after Kafka's acknowledgement (a teaching aid; 0 in real life). */
  delayMs: number;
  report: (line: string) => void;
}

/**
 * Position tracking: what the slot may forget. After a restart Postgres sends again every
 * transaction whose commit lies at or after the confirmed position, and never one before it.
 * So the confirmed position may pass a transaction only once Kafka holds all of its records.
 */
export class Acknowledger {
  private acknowledged: CommitPoint | null = null;
  private confirmed: CommitPoint | null = null;
  private readonly progress: ProgressReport;

  constructor(private readonly stream: Confirmable, private readonly options: AcknowledgerOptions) {
    this.progress = new ProgressReport(options.report);
  }

  /**
   * Kafka has acknowledged `batch` — and every batch before it, since the pipeline keeps one in
   * flight. THE RULE: confirm a transaction's end LSN to Postgres only here, once Kafka has
   * acknowledged every record up to and including that transaction; never when the commit
   * arrives, never when the batch is sent. A crash before this point repeats the transaction
   * (at least once); a confirmation before Kafka's acknowledgement could lose it for good.
   */
  kafkaAcknowledged(batch: RecordBatch): void {
    // TODO: Kafka has acknowledged this batch, and so every batch before it. Which transaction
    //   is now safe to confirm, and why is the position its CommitPoint carries (the end of the
    //   commit record) the right one? What if the batch holds no commit? With --confirm-delay the
    //   confirmation waits: what must Ctrl-C still be able to confirm meanwhile? Report the
    //   acknowledgement either way.
    return todo('confirming what Kafka acknowledged', 'docs/04-kafka-bridge.md#confirming-after-kafka-acknowledges');
  }

  /** On the way out: confirm what Kafka has acknowledged without waiting out --confirm-delay. */
  confirmAcknowledgedNow(): Lsn | null {
    if (this.acknowledged) this.confirm(this.acknowledged);
    this.progress.flush();
    return this.confirmed?.endLsn ?? null;
  }

  /** Confirm `commit` unless a later one is confirmed already; true if it moved the position. */
  private confirm(commit: CommitPoint): boolean {
    if (this.confirmed && !commit.endLsn.isAfter(this.confirmed.endLsn)) return false;
    this.stream.confirmFlushedLsn(commit.endLsn);
    this.confirmed = commit;
    return true;
  }
}
