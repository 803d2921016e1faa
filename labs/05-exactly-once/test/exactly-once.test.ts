/**
 * The grader's judge, tested on its own: given what the workload committed and what a
 * consumer saw, it must tell exact from duplicated, missing, foreign and reordered records.
 */
import { describe, expect, it } from 'vitest';
import type { SeenRecord } from '@cdc-lab/grading';
import { compareWithWorkload, describeVerdict } from './support/exactly-once.ts';

let offset = 0;
function seen(table: string, id: number, value: { op: string; version?: number } | null): SeenRecord {
  offset += 1;
  return {
    topic: `p.public.${table}`, partition: 0, offset: String(offset), key: JSON.stringify({ id }), headers: {}, timestamp: '0',
    value: value === null ? null : JSON.stringify({ op: value.op, after: value.version === undefined ? null : { id, version: value.version } }),
  };
}

const expected = new Map([['accounts:1', ['c1', 'u2', 'd', 'tombstone']], ['orders:2', ['c1']]]);
const exact = [seen('accounts', 1, { op: 'c', version: 1 }), seen('orders', 2, { op: 'c', version: 1 }), seen('accounts', 1, { op: 'u', version: 2 }), seen('accounts', 1, { op: 'd' }), seen('accounts', 1, null)];

describe('the exactly-once judge', () => {
  it('accepts each record once, in order per key (keys may interleave)', () => {
    expect(compareWithWorkload(expected, exact, 'p')).toMatchObject({ exact: true, complete: true, records: 5 });
  });

  it('counts a duplicate, and names the key', () => {
    const verdict = compareWithWorkload(expected, [...exact.slice(0, 3), seen('accounts', 1, { op: 'u', version: 2 }), ...exact.slice(3)], 'p');
    expect(verdict).toMatchObject({ exact: false, complete: true, duplicated: 1, missing: 0 });
    expect(describeVerdict(verdict)).toMatch(/accounts:1: expected \[c1 u2 d tombstone\], got \[c1 u2 u2 d tombstone\]/);
  });

  it('counts a loss, a record nobody committed, and a key out of order', () => {
    expect(compareWithWorkload(expected, exact.filter((_, index) => index !== 2), 'p')).toMatchObject({ complete: false, missing: 1 });
    expect(compareWithWorkload(expected, [...exact, seen('orders', 9, { op: 'c', version: 1 })], 'p')).toMatchObject({ exact: false, extra: 1 });
    const swapped = [exact[0]!, exact[1]!, exact[3]!, exact[2]!, exact[4]!];
    expect(compareWithWorkload(expected, swapped, 'p')).toMatchObject({ exact: false, complete: true, outOfOrder: 1 });
  });
});
