import type { Lsn } from '@cdc-lab/common';
import type { XLogData } from '@cdc-lab/03-logical-streamer/replication';
import { ChangeEventBuilder, type ChangeEvent } from '../envelope/index.ts';
import { decodePgoutput, type LogicalMessage, type PgoutputMessage } from '../pgoutput/index.ts';

/**
 * What the capture stage hands to a sink, in WAL order. Changes carry their place in the
 * transaction: the transaction is named by the LSN of its commit record (which Begin
 * announces), and each change by its index in it. That pair identifies a change across a
 * restart, which is what lab 5 stores as its position.
 *
 * The commit item carries `endLsn`, the end of the commit record: the position to confirm.
 */
export type Captured =
  | { kind: 'change'; event: ChangeEvent; transaction: TransactionId; index: number }
  | { kind: 'message'; message: LogicalMessage; transaction: TransactionId | null; index: number }
  | { kind: 'commit'; transaction: TransactionId; changes: number; endLsn: Lsn };

export interface TransactionId {
  xid: number;
  /**
   * Where the transaction's commit record starts (Begin's "final LSN"). Known from the first
   * message and unique, so it names the transaction; it is not what to confirm.
   */
  commitLsn: Lsn;
}

export interface CaptureOptions {
  builder: ChangeEventBuilder;
  /**
   * Called when a Relation message arrives (a new table, or a table altered mid-stream): the
   * moment to read the catalog again so that keys and defaults match the new shape.
   */
  onRelation?: () => Promise<void>;
  /** Bytes of one XLogData payload to a message: decodePgoutput; an option so that the grader's broken variants can swap it. */
  decode?: (data: Uint8Array) => PgoutputMessage;
}

/**
 * Receive → decode → shape: turn the replication stream (a ReplicationStream, or anything that
 * yields its XLogData messages) into change events grouped by transaction. Nothing here
 * acknowledges anything: the sink decides when a transaction is safe and calls
 * `stream.confirmFlushedLsn(commit.endLsn)` itself.
 */
export async function* captureTransactions(stream: AsyncIterable<XLogData>, { builder, onRelation, decode = decodePgoutput }: CaptureOptions): AsyncGenerator<Captured> {
  let transaction: TransactionId | null = null;
  let index = 0;
  for await (const xlog of stream) {
    const message = decode(xlog.data);
    if (message.tag === 'relation' && onRelation) await onRelation();
    const events = builder.accept(message, xlog.walStart);
    switch (message.tag) {
      case 'begin':
        transaction = { xid: message.xid, commitLsn: message.finalLsn };
        index = 0;
        break;
      case 'commit':
        if (transaction) yield { kind: 'commit', transaction, changes: index, endLsn: message.endLsn };
        transaction = null;
        break;
      case 'message':
        yield { kind: 'message', message, transaction, index: index++ };
        break;
      default:
        for (const event of events) {
          if (!transaction) continue;
          yield { kind: 'change', event, transaction, index: index++ };
        }
    }
  }
}
