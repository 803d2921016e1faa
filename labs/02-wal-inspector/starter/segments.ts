import { todo, type Lsn } from '@cdc-lab/common';

/**
 * Where a WAL position lives on disk: which segment file of pg_wal, and how far into it.
 * Lsn.value is the position as a bigint.
 */
export interface SegmentPosition {
  /** Counted from the start of the WAL, timeline-independent. */
  segmentNumber: bigint;
  /** The file in pg_wal, e.g. 000000010000000000000003. */
  fileName: string;
  /** Byte offset of the position inside that file. */
  offset: number;
}

export function segmentOf(lsn: Lsn, segmentSize: number, timeline: number): SegmentPosition {
  // TODO: the segment number and the offset follow from the segment size; the file name is
  // 24 upper-case hex digits: timeline, then the segment number split in two 8-digit halves.
  return todo('find the segment file and offset of an LSN', 'docs/02-wal-inspector.md#from-lsn-to-segment-file');
}
