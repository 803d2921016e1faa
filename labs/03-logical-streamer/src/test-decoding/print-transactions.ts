import type { ReplicationStream, XLogData } from '../replication/index.ts';
import type { LinePrinter } from './line-printer.ts';
import { isCommitLine } from './plugin.ts';

export interface PrintOptions {
  /** False with --no-confirm: print everything, confirm nothing (every transaction comes back). */
  confirm: boolean;
}

/**
 * The consumer: each line as it arrives, and after a transaction's COMMIT line is printed, its
 * position is confirmed to the stream. Nothing is confirmed before it is printed: a crash
 * between the two repeats the transaction on restart (at least once), it never loses it.
 */
export async function printTransactions(stream: ReplicationStream, printer: LinePrinter, options: PrintOptions): Promise<void> {
  for await (const message of stream) {
    const line = message.data.toString('utf8');
    await printer.print(line);
    if (options.confirm) confirmPrinted(stream, message, line);
  }
}

/**
 * Confirm a transaction once its last line is out. Its COMMIT message's walStart is the end of
 * the commit record; Postgres skips every transaction that committed before the confirmed
 * position when the slot is read again. Lines inside a transaction confirm nothing: a
 * half-printed transaction must come back whole.
 */
export function confirmPrinted(stream: ReplicationStream, message: XLogData, line: string): void {
  if (isCommitLine(line)) stream.confirmFlushedLsn(message.walStart);
}
