import { colour, type Lsn } from '@cdc-lab/common';
import type { SegmentPosition } from './segments.ts';
import { isRowChange, isTransactionEnd, type WalRecord } from './wal-record.ts';

/**
 * Records are printed the way pg_waldump prints them, so that what a learner sees here can be
 * compared with a pg_waldump run by hand, with two additions: each block reference carries the
 * name of its relation, and a marker column flags the records the lesson is about:
 *
 *   > rmgr: Heap        len (rec/tot):     67/    67, tx:        731, lsn: 0/03000098, …,
 *       desc: INSERT+INIT off 1 flags 0x08, blkref #0: rel 1663/16384/16385 (public.users) blk 0
 *         stored in segment 000000010000000000000003 at byte offset 152 (0x98)
 *
 * `>` (always, so that it survives piping and grepping) for row changes and the end of the
 * transaction, each followed by the segment file and offset that hold it; colour on a terminal.
 */
export const HIGHLIGHT_MARKER = '>';

export function formatRecord(record: WalRecord, relationNames: readonly (string | undefined)[], highlighted: boolean): string {
  const blockRefs = record.blockRefs.map((ref, index) => {
    const name = relationNames[index];
    return `, blkref #${ref.id}: rel ${ref.tablespace}/${ref.database}/${ref.relfilenode}${name ? ` (${name})` : ''}`
      + `${ref.fork === 'main' ? '' : ` fork ${ref.fork}`} blk ${ref.block}${ref.fullPageImage ? ' FPW' : ''}`;
  });
  const line = `rmgr: ${record.rmgr.padEnd(11)} len (rec/tot): ${String(record.recordLength).padStart(6)}/${String(record.totalLength).padStart(6)}, `
    + `tx: ${String(record.xid).padStart(10)}, lsn: ${waldumpLsn(record.lsn)}, prev ${waldumpLsn(record.prev)}, `
    + `desc: ${record.type}${record.description ? ` ${record.description}` : ''}${blockRefs.join('')}`;
  if (!highlighted) return colour.dim(`  ${line}`);
  const paint = isRowChange(record) ? colour.green : isTransactionEnd(record) ? colour.cyan : colour.bold;
  return paint(`${HIGHLIGHT_MARKER} ${line}`);
}

export function formatLocation(position: SegmentPosition): string {
  return `      stored in segment ${position.fileName} at byte offset ${position.offset} (0x${position.offset.toString(16).toUpperCase()})`;
}

/** pg_waldump pads the low half of an LSN to 8 digits: 0/01924DD0. */
export function waldumpLsn(lsn: Lsn): string {
  const [high, low = ''] = lsn.toString().split('/');
  return `${high}/${low.padStart(8, '0')}`;
}
