import type { RecordBatch } from '../produce/record-batch.ts';

/** At most one line a second while transactions keep ending. */
const EVERY_MS = 1_000;
/** Inside a long transaction nothing can be confirmed; say how far it got now and then. */
const OPEN_TRANSACTION_EVERY_MS = 5_000;

/**
 * "Kafka acknowledged 1,204 records (31 transactions, last xid 1942); confirmed 0/4950D1A8".
 * A line as soon as a transaction is confirmed after a quiet spell, then at most one a second
 * while they keep coming, so that a busy bridge does not spend its time printing.
 */
export class ProgressReport {
  private records = 0;
  private transactions = 0;
  private lastXid: number | null = null;
  private outcome: string | null = null;
  private lastPrinted = 0;
  private openSince: number | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly print: (line: string) => void) {}

  /** `outcome` says what became of the batch's last commit ("confirmed …"); null if it has none. */
  acknowledged(batch: RecordBatch, outcome: string | null): void {
    this.records += batch.records;
    this.transactions += batch.transactions;
    if (batch.lastCommit) this.lastXid = batch.lastCommit.xid;
    if (outcome) this.outcome = outcome;
    const now = Date.now();
    if (this.outcome) {
      const due = this.lastPrinted + EVERY_MS - now;
      if (due <= 0) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), due).unref();
      return;
    }
    this.openSince ??= now;
    if (now - this.openSince >= OPEN_TRANSACTION_EVERY_MS && now - this.lastPrinted >= OPEN_TRANSACTION_EVERY_MS) this.flush();
  }

  /** Print what has not been reported yet. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.records === 0 && this.transactions === 0) return;
    const count = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
    if (this.outcome) {
      this.print(`Kafka acknowledged ${count(this.records, 'record')} (${count(this.transactions, 'transaction')}, last xid ${this.lastXid ?? '?'}); ${this.outcome}`);
    } else {
      this.print(`Kafka acknowledged ${count(this.records, 'record')} of a transaction still open; nothing to confirm before its commit`);
    }
    this.records = 0;
    this.transactions = 0;
    if (this.outcome) this.openSince = null;
    this.outcome = null;
    this.lastPrinted = Date.now();
  }
}
