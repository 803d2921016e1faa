import type pg from 'pg';
import type { Lsn } from '@cdc-lab/common';
import type { KafkaSink } from '../sink/kafka-sink.ts';
import type { KeyText, readChunk } from './chunk-reader.ts';
import { snapshotMarker } from './markers.ts';
import type { SnapshotProgress } from './progress.ts';
import type { ReadEventShaper } from './read-events.ts';
import type { SnapshotTable } from './tables.ts';

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
  let after: KeyText | null = null;
  let rows = 0;
  for (;;) {
    const chunk = await read(snapshot, table, after, reading.chunkSize);
    const events = chunk.rows.map((values, index) => reading.shaper.readEvent(table, values, snapshotMarker({
      firstTable: reading.firstTable,
      lastTable: reading.lastTable,
      firstRow: rows === 0 && index === 0,
      lastRow: chunk.isLast && index === chunk.rows.length - 1,
    }), reading.lsn));
    await sink.send(events);
    rows += chunk.rows.length;
    reading.progress.advance(chunk.rows.length);
    if (chunk.lastKey) {
      after = chunk.lastKey;
      chunkAcknowledged(after);
    }
    if (chunk.isLast) return rows;
  }
}
