import type { Lsn } from '@cdc-lab/common';
import type { WalRange } from './capture-range.ts';

/**
 * One WAL record, whichever tool read it. pg_waldump prints it as a line of text and
 * pg_walinspect returns it as a row; both backends turn what they get into this shape, so the
 * rest of the program (filtering, naming, printing) does not care where it came from.
 */
export interface WalRecord {
  /** Resource manager: the subsystem that wrote the record and knows how to replay it (Heap, Btree, Transaction, XLOG…). */
  rmgr: string;
  /** What happened, as the resource manager names it: INSERT, HOT_UPDATE, COMMIT… (`+INIT`: the record also initialised a fresh page). */
  type: string;
  /** The record without full-page images, in bytes (pg_waldump's `rec`). */
  recordLength: number;
  /** The whole record, full-page images included (pg_waldump's `tot`). */
  totalLength: number;
  /** The transaction that wrote it; 0 for work done outside any transaction (checkpoints, vacuum, hint bits). */
  xid: number;
  /** Where the record starts. */
  lsn: Lsn;
  /** Where the previous record starts: the WAL is a chain, and recovery checks every link. */
  prev: Lsn;
  /** The resource manager's description of the record, after the type. */
  description: string;
  blockRefs: BlockRef[];
}

/** A page the record changes: `blkref #0: rel 1663/16384/16385 blk 0`. */
export interface BlockRef {
  /** The reference's number inside the record (#0, #1…). */
  id: number;
  /** Tablespace oid (1663 is pg_default, 1664 pg_global). */
  tablespace: number;
  /** Database oid; 0 for the catalogs shared by all databases. */
  database: number;
  /** The relation's file name on disk: pg_class.relfilenode, or pg_relation_filenode() for mapped catalogs. */
  relfilenode: number;
  /** Which file of the relation: main (the rows), fsm (free space map), vm (visibility map), init. */
  fork: string;
  /** Block number inside that file (8 kB pages). */
  block: number;
  /** The record carries a full image of the page (the first change to it after a checkpoint). */
  fullPageImage: boolean;
}

/** Heap records that change a row: what a change data capture tool turns into events. */
const HEAP_ROW_CHANGES = new Set(['INSERT', 'UPDATE', 'HOT_UPDATE', 'DELETE']);
/** COPY and other bulk inserts write one record for many rows on a page. */
const HEAP2_ROW_CHANGES = new Set(['MULTI_INSERT']);
/** Records that end a transaction, one way or the other. */
const TRANSACTION_ENDS = new Set(['COMMIT', 'ABORT', 'COMMIT_PREPARED', 'ABORT_PREPARED']);

/** The type without the `+INIT` suffix: `INSERT+INIT` is an INSERT that started a new page. */
export function baseType(record: WalRecord): string {
  return record.type.replace(/\+INIT$/, '');
}

export function isRowChange(record: WalRecord): boolean {
  const type = baseType(record);
  return (record.rmgr === 'Heap' && HEAP_ROW_CHANGES.has(type)) || (record.rmgr === 'Heap2' && HEAP2_ROW_CHANGES.has(type));
}

export function isTransactionEnd(record: WalRecord): boolean {
  return record.rmgr === 'Transaction' && TRANSACTION_ENDS.has(baseType(record));
}

/** The records the inspector highlights: row changes and the end of the transaction. */
export function isHighlighted(record: WalRecord): boolean {
  return isRowChange(record) || isTransactionEnd(record);
}

/**
 * A way of reading records: pg_waldump on this machine, or pg_walinspect on the server. Both
 * read the same segment files and must return the same records for the same range.
 */
export interface RecordSource {
  name: 'waldump' | 'walinspect';
  /** Lines that say which tool reads the WAL and from where. */
  description: string[];
  /** What a user can run by hand to see the same records. */
  command(range: WalRange): string;
  records(range: WalRange): AsyncIterable<WalRecord>;
}
