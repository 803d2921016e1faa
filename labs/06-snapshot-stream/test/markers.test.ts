import { describe, expect, it } from 'vitest';
import { snapshotMarker } from '../src/snapshot/markers.ts';

describe('snapshotMarker (Debezium 3.0 SnapshotRecord)', () => {
  const row = (firstTable: boolean, lastTable: boolean, firstRow: boolean, lastRow: boolean) => snapshotMarker({ firstTable, lastTable, firstRow, lastRow });

  it('marks the first row of the snapshot first and the very last row last', () => {
    expect(row(true, false, true, false)).toBe('first');
    expect(row(false, true, false, true)).toBe('last');
  });

  it('marks the edges of the tables in between', () => {
    expect(row(false, false, true, false)).toBe('first_in_data_collection');
    expect(row(false, false, false, true)).toBe('last_in_data_collection');
    expect(row(true, false, false, true)).toBe('last_in_data_collection');
  });

  it('marks every other row true', () => {
    expect(row(true, true, false, false)).toBe('true');
  });

  it('lets "last" win for a one-row snapshot', () => {
    expect(row(true, true, true, true)).toBe('last');
  });
});
