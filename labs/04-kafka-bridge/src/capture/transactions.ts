import type { Lsn } from '@cdc-lab/common';
import type { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { ChangeEventBuilder, type ChangeEvent } from '../envelope/index.ts';
import { decodePgoutput, type LogicalMessage } from '../pgoutput/index.ts';

/**
 * What the capture stage hands to a sink, in WAL order. Changes carry their place in the
 * transaction: the transaction is known by the LSN its commit record ends at (which Begin
 * announces), and each change by its index in it. That pair identifies a change across a
 * restart, which is what lab 5 stores as its position.
 */
export type Captured =
  | { kind: 'change'; event: ChangeEvent; transaction: TransactionId; index: number }
  | { kind: 'message'; message: LogicalMessage; transaction: TransactionId | null; index: number }
  | { kind: 'commit'; transaction: TransactionId; changes: number };

export interface TransactionId {
  xid: number;
  /** Where the transaction's commit record ends: confirm this once the transaction is safe. */
  endLsn: Lsn;
}

export interface CaptureOptions {
  builder: ChangeEventBuilder;
  /**
   * Called when a Relation message arrives (a new table, or a table altered mid-stream): the
   * moment to read the catalog again so that keys and defaults match the new shape.
   */
  onRelation?: () => Promise<void>;
}

/**
 * Receive → decode → shape: turn the replication stream into change events grouped by
 * transaction. Nothing here acknowledges anything: the sink decides when a transaction is
 * safe and calls `stream.confirmFlushedLsn(transaction.endLsn)` itself.
 */
export async function* captureTransactions(stream: ReplicationStream, { builder, onRelation }: CaptureOptions): AsyncGenerator<Captured> {
  let transaction: TransactionId | null = null;
  let index = 0;
  for await (const xlog of stream) {
    const message = decodePgoutput(xlog.data);
    if (message.tag === 'relation' && onRelation) await onRelation();
    const events = builder.accept(message, xlog.walStart);
    switch (message.tag) {
      case 'begin':
        transaction = { xid: message.xid, endLsn: message.finalLsn };
        index = 0;
        break;
      case 'commit':
        if (transaction) yield { kind: 'commit', transaction, changes: index };
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
