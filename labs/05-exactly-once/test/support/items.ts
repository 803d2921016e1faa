import { Lsn } from '@cdc-lab/common';
import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import type { ChangeItem, CommitItem } from '../../src/items.ts';

/** A change of table public.t, as the capture stage would hand it over (unit tests only). */
export function changeItem(commitLsn: string, index: number, { op = 'c', xid = 7, note = '' }: { op?: 'c' | 'u' | 'd'; xid?: number; note?: string } = {}): ChangeItem {
  const row = { id: index, note };
  const event: ChangeEvent = {
    schema: 'public',
    table: 't',
    key: { id: index },
    headers: {},
    value: {
      before: op === 'c' ? null : row,
      after: op === 'd' ? null : row,
      source: {
        version: '3.0.8.Final', connector: 'postgresql', name: 'unit', ts_ms: 0n, snapshot: 'false', db: 'unit',
        sequence: '[null,"1"]', ts_us: 0n, ts_ns: 0n, schema: 'public', table: 't', txId: BigInt(xid), lsn: 1n, xmin: null,
      },
      transaction: null,
      op,
      ts_ms: 0n,
      ts_us: 0n,
      ts_ns: 0n,
    },
  };
  const lsn = Lsn.parse(commitLsn);
  return { kind: 'change', event, transaction: { xid, commitLsn: lsn }, index };
}

/** The commit that closes a transaction of `changes` changes; its record ends 0x30 bytes later. */
export function commitItem(commitLsn: string, changes: number, xid = 7): CommitItem {
  const lsn = Lsn.parse(commitLsn);
  return { kind: 'commit', transaction: { xid, commitLsn: lsn }, changes, endLsn: lsn.plus(0x30) };
}

/** A whole transaction: its changes, then its commit. */
export function transactionItems(commitLsn: string, changes: number, xid = 7): (ChangeItem | CommitItem)[] {
  return [...Array.from({ length: changes }, (_, index) => changeItem(commitLsn, index, { xid })), commitItem(commitLsn, changes, xid)];
}
