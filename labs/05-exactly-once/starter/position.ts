import { Lsn, SinkError } from '@cdc-lab/common';
import type { TransactionId } from '@cdc-lab/04-kafka-bridge/capture';

/**
 * The bridge's position: the last change that is in Kafka, named so that it means the same
 * thing after a restart. Postgres decodes transactions in commit order, so a transaction is
 * named by its commit LSN — where its commit record starts, which the Begin message announces
 * before the first change — and a change by its index in the transaction. The pair orders every change the slot can send:
 *
 *   (0/1A2B3C8, 0) < (0/1A2B3C8, 1) < … < (0/1A2B3C8, 999) < (0/1A2B5F0, 0) < …
 *
 * `complete` says whether the whole transaction is in Kafka. A huge transaction is written
 * in several Kafka transactions; until its last piece is in, the slot must not be confirmed
 * past it, and a restart must write the rest of it — from index + 1 on.
 */
export interface Position {
  commitLsn: Lsn;
  /** The index of the last change of that transaction already in Kafka; -1 if it had none. */
  index: number;
  complete: boolean;
  /** For people reading the offsets topic; the pair above is what counts. */
  xid: number;
}

/** The position after the last item of a batch. */
export function positionAfterChange(transaction: TransactionId, index: number): Position {
  return { commitLsn: transaction.commitLsn, index, complete: false, xid: transaction.xid };
}

export function positionAfterCommit(transaction: TransactionId, changes: number): Position {
  return { commitLsn: transaction.commitLsn, index: changes - 1, complete: true, xid: transaction.xid };
}

/** The record value in the offsets topic: `{"commitLsn":"0/1A2B3C8","index":41,"complete":true,"xid":771}`. */
export function encodePosition(position: Position): string {
  return JSON.stringify({ commitLsn: position.commitLsn.toString(), index: position.index, complete: position.complete, xid: position.xid });
}

export function decodePosition(text: string, where: string): Position {
  try {
    const value = JSON.parse(text) as { commitLsn?: unknown; index?: unknown; complete?: unknown; xid?: unknown };
    if (typeof value.commitLsn !== 'string' || !Number.isInteger(value.index) || typeof value.complete !== 'boolean') {
      throw new TypeError('it needs commitLsn (text), index (a whole number) and complete (true or false)');
    }
    return { commitLsn: Lsn.parse(value.commitLsn), index: value.index as number, complete: value.complete, xid: Number(value.xid ?? 0) };
  } catch (error) {
    throw new SinkError(`the position stored in ${where} cannot be read: ${(error as Error).message}`, {
      cause: error,
      hint: `it should look like {"commitLsn":"0/1A2B3C8","index":41,"complete":true,"xid":771}; something else wrote there — find out what before deleting it`,
    });
  }
}

/** `0/1A2B3C8 #41 (whole transaction)`, for log lines. */
export function describePosition(position: Position): string {
  return `${position.commitLsn} #${position.index} (${position.complete ? 'whole transaction' : 'part of the transaction'}, xid ${position.xid})`;
}
