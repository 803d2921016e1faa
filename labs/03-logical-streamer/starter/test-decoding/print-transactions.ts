import { todo } from '@cdc-lab/common';
import type { ReplicationStream, XLogData } from '../../src/replication/index.ts';
import type { LinePrinter } from '../../src/test-decoding/line-printer.ts';
import { isCommitLine } from '../../src/test-decoding/plugin.ts';

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
  // TODO: for each XLogData message of the stream, print its data as a line (it is UTF-8 text),
  //   then, unless --no-confirm, hand the message and the line to confirmPrinted. In which order,
  //   and what must have finished before you may confirm?
  return todo('printing, then confirming', 'docs/03-logical-streamer.md#confirming');
}

/**
 * Confirm a transaction once its last line is out. When the slot is read again, Postgres skips
 * every transaction that committed before the confirmed position. Lines inside a transaction
 * confirm nothing: a half-printed transaction must come back whole.
 */
export function confirmPrinted(stream: ReplicationStream, message: XLogData, line: string): void {
  // TODO: once a COMMIT line is printed (isCommitLine), confirm the position of its message
  //   with stream.confirmFlushedLsn(...). Which of the message's two LSNs marks the end of the
  //   transaction? Lines inside a transaction confirm nothing.
  todo('confirming a printed transaction', 'docs/03-logical-streamer.md#confirming');
}
