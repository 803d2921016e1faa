import type pg from 'pg';
import { todo, type Lsn } from '@cdc-lab/common';
import type { KafkaSink } from '../../src/sink/kafka-sink.ts';
import type { KeyText, readChunk } from './chunk-reader.ts';
// What you will need: snapshotMarker() says how source.snapshot marks a row, from its place in
// the snapshot (first or last row of the table, first or last table).
import { snapshotMarker } from '../../src/snapshot/markers.ts';
import type { SnapshotProgress } from '../../src/snapshot/progress.ts';
import type { ReadEventShaper } from '../../src/snapshot/read-events.ts';
import type { SnapshotTable } from '../../src/snapshot/tables.ts';

/** What reading one table of the initial snapshot needs to know besides the table. */
export interface TableReading {
  shaper: ReadEventShaper;
  /** Is this the snapshot's first table, its last? (source.snapshot marks the very first and last rows.) */
  firstTable: boolean;
  lastTable: boolean;
  /** The snapshot's position: the slot's consistent point. */
  lsn: Lsn;
  chunkSize: number;
  progress: SnapshotProgress;
}

/**
 * One table of the initial snapshot, chunk by chunk: read a chunk inside the snapshot, send its
 * rows as read events, and once Kafka has acknowledged them, report the chunk's last key as the
 * bookmark. A crash then repeats at most the chunk whose bookmark it beat. Returns the rows read.
 */
export async function snapshotTable(
  snapshot: pg.Client,
  table: SnapshotTable,
  reading: TableReading,
  read: typeof readChunk,
  sink: KafkaSink,
  chunkAcknowledged: (lastKey: KeyText) => void,
): Promise<number> {
  // TODO: read the table chunk by chunk inside the snapshot (with `read`), turn each chunk's
  //   rows into read events (reading.shaper, with the marker snapshotMarker() gives for each
  //   row's place in the snapshot), send them, and advance the progress. When is a chunk's last
  //   key safe to report as the bookmark: before the send, or after Kafka has acknowledged it?
  //   Where does the next chunk start, and how do you know the table is done?
  void snapshot; void table; void reading; void read; void sink; void chunkAcknowledged; void snapshotMarker;
  return todo('reading a table chunk by chunk, bookmarking each acknowledged chunk', 'docs/06-snapshot-stream.md#reading-in-chunks');
}
