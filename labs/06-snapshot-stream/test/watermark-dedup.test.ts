import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import { dropChangedRows, keyString, newWindow, noteChange } from '../src/incremental/watermark-dedup.ts';

function read(id: number, op: ChangeEvent['value']['op'] = 'r', table = 'items'): ChangeEvent {
  return {
    schema: 'public',
    table,
    key: op === 't' ? null : { id },
    value: {
      before: null,
      after: { id, v: `row ${id}` },
      source: { version: '3.0.8.Final', connector: 'postgresql', name: 'cdc', ts_ms: 0n, snapshot: 'incremental', db: 'db', sequence: '[null,"0"]', ts_us: 0n, ts_ns: 0n, schema: 'public', table: 'items', txId: null, lsn: 0n, xmin: null },
      transaction: null,
      op,
      ts_ms: 0n,
      ts_us: 0n,
      ts_ns: 0n,
    },
    headers: {},
  };
}

describe('noteChange (the window between the watermarks)', () => {
  it('notes nothing before the low watermark has opened the window', () => {
    const window = newWindow('public.items');
    noteChange(window, read(1, 'u'));
    expect([...window.changedKeys]).toEqual([]);
  });

  it('notes the keys of the chunk\'s table that change inside the window, and only those', () => {
    const window = newWindow('public.items');
    window.open = true;
    noteChange(window, read(1, 'u'));
    noteChange(window, read(2, 'd'));
    noteChange(window, read(3, 'c', 'other'));
    expect([...window.changedKeys]).toEqual([keyString(read(1)), keyString(read(2))]);
    expect(window.truncated).toBe(false);
  });

  it('marks the whole chunk stale when the table is truncated inside the window', () => {
    const window = newWindow('public.items');
    window.open = true;
    noteChange(window, read(0, 't'));
    expect(window.truncated).toBe(true);
  });
});

describe('dropChangedRows (the watermark technique)', () => {
  it('drops exactly the rows whose keys changed between the watermarks, keeping key order', () => {
    const window = newWindow('public.items');
    window.open = true;
    for (const id of [2, 4, 9]) noteChange(window, read(id, 'u'));
    expect(dropChangedRows([1, 2, 3, 4].map((id) => read(id)), window).map((event) => event.key)).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('keeps the whole chunk when nothing changed', () => {
    expect(dropChangedRows([1, 2].map((id) => read(id)), newWindow('public.items'))).toHaveLength(2);
  });

  it('keeps nothing when the table was truncated inside the window', () => {
    const window = newWindow('public.items');
    window.open = true;
    noteChange(window, read(0, 't'));
    expect(dropChangedRows([1, 2].map((id) => read(id)), window)).toEqual([]);
  });
});
