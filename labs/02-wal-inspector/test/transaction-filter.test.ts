import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRecord } from '../src/transaction-filter.ts';
import { parseWaldumpLine } from '../src/waldump-parser.ts';

const records = fs.readFileSync(new URL('./fixtures/waldump-pg15.txt', import.meta.url), 'utf8').split('\n').filter(Boolean).map(parseWaldumpLine);

describe('classifyRecord', () => {
  it('keeps the records that carry the xid, and tells background work from other transactions', () => {
    const owners = records.map((record) => classifyRecord(record, 772));
    expect(records.filter((_, index) => owners[index] === 'transaction').map((record) => `${record.rmgr} ${record.type}`))
      .toEqual(['Heap INSERT+INIT', 'Btree NEWROOT']);
    expect(owners.filter((owner) => owner === 'background').length).toBe(records.filter((record) => record.xid === 0).length);
    expect(classifyRecord(records.find((record) => record.xid === 770)!, 772)).toBe('other-transaction');
  });
});
