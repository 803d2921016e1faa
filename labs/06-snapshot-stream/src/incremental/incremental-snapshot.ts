import crypto from 'node:crypto';
import type pg from 'pg';
import { Lsn } from '@cdc-lab/common';
import { readCatalog } from '@cdc-lab/04-kafka-bridge/capture';
import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import type { Parts } from '../parts.ts';
import type { KeyText } from '../snapshot/chunk-reader.ts';
import { ReadEventShaper } from '../snapshot/read-events.ts';
import { describeTable, qualifiedName } from '../snapshot/tables.ts';
import { newWindow, noteChange, type WindowChanges } from './watermark-dedup.ts';
import { writeSignal } from './signals.ts';

export interface PendingTable {
  table: string;
  after: KeyText | null;
}

interface Window {
  id: string;
  table: string;
  /** The SELECT between the watermarks; settles before the high watermark is written. */
  reading: Promise<{ events: ChangeEvent[]; lastKey: KeyText | null; isLast: boolean }>;
  /** What the stream shows of the table between the watermarks. */
  changes: WindowChanges;
}

/**
 * Incremental snapshots while streaming (DBLog's watermarks), one chunk at a time:
 *
 *   write the low watermark → SELECT the next chunk → write the high watermark
 *
 * on a connection of its own, in autocommit: each statement its own transaction, plain SELECTs
 * with ACCESS SHARE locks, nothing held between chunks. The stream side sees the watermarks
 * arrive among the changes: from the low one on it notes the keys of the chunk's table that
 * change; at the high one it drops those rows from the chunk and emits the rest as reads.
 *
 * `pending` is the work left (table, and key to continue after); the stream loop writes it to
 * the state file once a chunk's rows are acknowledged, so a crash continues where it was.
 */
export class IncrementalSnapshot {
  private window: Window | null = null;
  private paused = false;
  private failure: unknown = null;
  private rows = 0;
  private shaper: ReadEventShaper | null = null;

  constructor(
    private readonly sql: pg.Client,
    private readonly parts: Parts,
    private readonly settings: { topicPrefix: string; database: string; chunkSize: number; signalSchema: string },
    readonly pending: PendingTable[],
  ) {}

  request(tables: readonly string[]): void {
    for (const named of tables) {
      // Keys are compared by schema-qualified table name: "items" means "public.items".
      const table = named.includes('.') ? named : `public.${named}`;
      if (!this.pending.some((entry) => entry.table === table)) this.pending.push({ table, after: null });
      console.log(`Incremental snapshot of ${table} requested`);
    }
  }

  pause(): void {
    this.paused = true;
    console.log('Incremental snapshot paused');
  }

  resume(): void {
    this.paused = false;
    console.log('Incremental snapshot resumed');
  }

  /** Start the next chunk, unless one is under way, the snapshot is paused, or nothing is left. */
  maybeStartChunk(): void {
    if (this.failure !== null) throw this.failure;
    const next = this.pending[0];
    if (this.window || this.paused || !next) return;
    const id = crypto.randomUUID();
    const reading = this.readBetweenWatermarks(id, next);
    // Failures surface in the stream loop, at the high watermark or the next maybeStartChunk.
    reading.catch((error: unknown) => (this.failure = error));
    this.window = { id, table: next.table, reading, changes: newWindow(next.table) };
  }

  /** Every streamed change passes here: inside an open window, its key no longer trusts the chunk. */
  observe(event: ChangeEvent): void {
    if (this.window) noteChange(this.window.changes, event);
  }

  /** A watermark arrived in the stream. At the high one, returns the chunk's surviving rows. */
  async watermark(type: 'snapshot-window-open' | 'snapshot-window-close', id: string, lsn: Lsn): Promise<ChangeEvent[]> {
    const window = this.window;
    if (!window || window.id !== id) return []; // another run's watermark, replayed after a restart
    if (type === 'snapshot-window-open') {
      window.changes.open = true;
      return [];
    }
    const chunk = await window.reading;
    this.window = null;
    const kept = this.parts.dropChangedRows(chunk.events, window.changes).map((event) => withPosition(event, lsn));
    this.rows += kept.length;
    const entry = this.pending[0]!;
    if (chunk.isLast) {
      this.pending.shift();
      console.log(`Incremental snapshot of ${window.table} complete: ${this.rows} rows`);
      this.rows = 0;
    } else {
      entry.after = chunk.lastKey;
      console.log(`Incremental snapshot chunk of ${window.table}: ${kept.length} rows kept, ${chunk.events.length - kept.length} dropped (changed inside the window)`);
    }
    return kept;
  }

  private async readBetweenWatermarks(id: string, next: PendingTable): Promise<{ events: ChangeEvent[]; lastKey: KeyText | null; isLast: boolean }> {
    const table = await describeTable(this.sql, next.table);
    this.shaper ??= new ReadEventShaper(this.settings, await readCatalog(this.sql));
    const data = { id, 'data-collection': qualifiedName(table), after: next.after };
    await writeSignal(this.sql, this.settings.signalSchema, `${id}-open`, 'snapshot-window-open', data);
    const chunk = await this.parts.readChunk(this.sql, table, next.after, this.settings.chunkSize);
    await writeSignal(this.sql, this.settings.signalSchema, `${id}-close`, 'snapshot-window-close', data);
    const shaper = this.shaper;
    const events = chunk.rows.map((values) => shaper.readEvent(table, values, 'incremental', Lsn.fromBigInt(0n)));
    return { events, lastKey: chunk.lastKey ?? next.after, isLast: chunk.isLast };
  }
}

/** A chunk row takes its place in the stream: the high watermark's position. */
function withPosition(event: ChangeEvent, lsn: Lsn): ChangeEvent {
  return { ...event, value: { ...event.value, source: { ...event.value.source, lsn: lsn.value, sequence: `[null,"${lsn.value}"]` } } };
}
