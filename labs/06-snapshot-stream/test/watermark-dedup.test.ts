import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import { dropChangedRows, keyString } from '../src/incremental/watermark-dedup.ts';

function read(id: number): ChangeEvent {
  return {
    schema: 'public',
    table: 'items',
    key: { id },
    value: {
      before: null,
      after: { id, v: `row ${id}` },
      source: { version: '3.0.8.Final', connector: 'postgresql', name: 'cdc', ts_ms: 0n, snapshot: 'incremental', db: 'db', sequence: '[null,"0"]', ts_us: 0n, ts_ns: 0n, schema: 'public', table: 'items', txId: null, lsn: 0n, xmin: null },
      transaction: null,
      op: 'r',
      ts_ms: 0n,
      ts_us: 0n,
      ts_ns: 0n,
    },
    headers: {},
  };
}

describe('dropChangedRows (the watermark technique)', () => {
  it('drops exactly the rows whose keys changed between the watermarks, keeping key order', () => {
    const chunk = [1, 2, 3, 4].map(read);
    const changed = new Set([keyString(read(2)), keyString(read(4)), keyString(read(9))]);
    expect(dropChangedRows(chunk, changed).map((event) => event.key)).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('keeps the whole chunk when nothing changed', () => {
    expect(dropChangedRows([1, 2].map(read), new Set())).toHaveLength(2);
  });
});
