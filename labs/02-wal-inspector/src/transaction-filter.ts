import type { WalRecord } from './wal-record.ts';

/**
 * The WAL is shared by the whole server: between the two positions the inspector records, any
 * other session may have written its own records, and background processes write records that
 * belong to no transaction at all (checkpoints, RUNNING_XACTS snapshots, pruning, hint-bit page
 * images: tx 0). The transaction's own records are exactly those carrying its xid.
 */
export type RecordOwner = 'transaction' | 'background' | 'other-transaction';

/** The xid written by a WAL record with no transaction behind it. */
export const NO_TRANSACTION = 0;

export function classifyRecord(record: WalRecord, xid: number): RecordOwner {
  if (record.xid === xid) return 'transaction';
  return record.xid === NO_TRANSACTION ? 'background' : 'other-transaction';
}
