import { todo } from '@cdc-lab/common';
import type { WalRecord } from '../src/wal-record.ts';

/**
 * The WAL is shared by the whole server: between the two positions the inspector records,
 * other sessions write their own records, and background work writes records that belong to
 * no transaction at all.
 */
export type RecordOwner = 'transaction' | 'background' | 'other-transaction';

/** The xid written by a WAL record with no transaction behind it. */
export const NO_TRANSACTION = 0;

export function classifyRecord(record: WalRecord, xid: number): RecordOwner {
  // TODO: whose record is this — the transaction's (xid), background work's, another transaction's?
  return todo('tell the transaction\'s records from the others', 'docs/02-wal-inspector.md#only-this-transaction');
}
