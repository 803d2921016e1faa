import type { SeenRecord } from '@cdc-lab/grading';

/**
 * Replaying the topic the way a consumer rebuilds the table: last event per key wins, a delete
 * removes the key. Replayed strictly, the order of events also proves there is no gap and no
 * overlap between the snapshot and the stream:
 *
 *   c of a key already present   overlap: the snapshot read a row inserted after the consistent
 *                                point, and the stream sends its insert too
 *   u or d of a key not present  gap: a row existed at the consistent point (the stream changes
 *                                it), but the snapshot never read it
 *   r of a key already present   a row read twice
 *
 * Under --snapshot no_data, rows that existed before the slot are unknown until an
 * incremental snapshot reads them, so u and d of absent keys are allowed (`knowsEveryRow`).
 * Across a crash a chunk may be read twice; the crash stage counts rereads (`rereadsCounted`)
 * and bounds them itself.
 */
export interface Replay {
  rows: Map<string, string>;
  problems: string[];
  initialReads: number;
  incrementalReads: number;
  /** Keys read more than once (by any kind of read). */
  readAgain: number;
  creates: number;
  deletes: number;
  markers: string[];
}

interface Envelope {
  op: string;
  after: { id: number | string; v: string; n: number } | null;
  before: { id: number | string } | null;
  source: { snapshot: string };
}

export function replay(records: readonly SeenRecord[], { knowsEveryRow, rereadsCounted = false }: { knowsEveryRow: boolean; rereadsCounted?: boolean }): Replay {
  const rows = new Map<string, string>();
  const read = new Set<string>();
  const result: Replay = { rows, problems: [], initialReads: 0, incrementalReads: 0, readAgain: 0, creates: 0, deletes: 0, markers: [] };
  const problem = (text: string) => {
    if (result.problems.length < 5) result.problems.push(text);
  };
  for (const record of records) {
    if (record.value === null || record.key === null) continue;
    const event = JSON.parse(record.value) as Envelope;
    const key = String((JSON.parse(record.key) as { id: number | string }).id);
    switch (event.op) {
      case 'r':
        if (read.has(key)) result.readAgain += 1;
        read.add(key);
        if (event.source.snapshot === 'incremental') result.incrementalReads += 1;
        else {
          result.initialReads += 1;
          result.markers.push(event.source.snapshot);
          if (rows.has(key) && !rereadsCounted) problem(`r of id ${key}, which the topic already has`);
        }
        rows.set(key, `${event.after!.v}|${event.after!.n}`);
        break;
      case 'c':
        result.creates += 1;
        if (rows.has(key)) problem(`c of id ${key} after it was already read: the snapshot saw a row inserted after the consistent point (overlap)`);
        rows.set(key, `${event.after!.v}|${event.after!.n}`);
        break;
      case 'u':
        if (knowsEveryRow && !rows.has(key)) problem(`u of id ${key}, which the snapshot never read: a row that existed at the consistent point is missing (gap)`);
        rows.set(key, `${event.after!.v}|${event.after!.n}`);
        break;
      case 'd':
        result.deletes += 1;
        if (knowsEveryRow && !rows.has(key)) problem(`d of id ${key}, which the snapshot never read: a row that existed at the consistent point is missing (gap)`);
        rows.delete(key);
        break;
    }
  }
  return result;
}

/** Up to five differences between the replayed rows and the table, as text. */
export function differences(replayed: ReadonlyMap<string, string>, table: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [id, row] of table) {
    if (found.length >= 5) break;
    const got = replayed.get(id);
    if (got === undefined) found.push(`id ${id} is in the table (${row}) but not in the replayed topic`);
    else if (got !== row) found.push(`id ${id} is ${row} in the table but ${got} in the replayed topic`);
  }
  for (const [id, row] of replayed) {
    if (found.length >= 5) break;
    if (!table.has(id)) found.push(`id ${id} is in the replayed topic (${row}) but not in the table`);
  }
  return found;
}
