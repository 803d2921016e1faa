import { describe, expect, it } from 'vitest';
import { readJson } from '@cdc-lab/04-kafka-bridge/json';
import { diffEvents } from '../src/compare/diff.ts';
import { DOCUMENTED_DIFFERENCES, documentedReason } from '../src/compare/documented.ts';
import { byTableAndKey, type KeyedRecords } from '../src/compare/records.ts';
import type { TopicRecord } from '../src/events/read-topics.ts';

const event = {
  before: null,
  after: { id: 1, c_int8: 9007199254740993n, c_texts: ['a', 'b'], c_json: '{"a":1}' },
  source: { version: '3.6.1.Final', connector: 'postgresql', name: 'lab09.debezium', txId: 812, lsn: 24023128, sequence: '["24023000","24023128"]' },
  op: 'c',
  ts_ms: 1795248559488,
};

/** One record of one table and key, as byTableAndKey groups them. */
function keyed(value: unknown, headers: Record<string, string> = {}, group = 'public.users {"id":1}'): KeyedRecords {
  return new Map([[group, [{ offset: 0n, value: value === null ? null : (structuredClone(value) as never), headers }]]]);
}

describe('diffEvents', () => {
  it('finds nothing in equal events', () => {
    expect(diffEvents(keyed(event, { a: '1' }), keyed(event, { a: '1' }))).toEqual([]);
    expect(diffEvents(keyed(null), keyed(null))).toEqual([]);
  });

  it('reports a changed nested field with its path and both values, once', () => {
    const changed = structuredClone(event);
    changed.source.txId = 813;
    expect(diffEvents(keyed(event), keyed(changed))).toEqual([
      { where: 'public.users {"id":1} #1', path: 'source.txId', debezium: '812', bridge: '813' },
    ]);
  });

  it('tells a number from a string, and an int64 by every digit', () => {
    const asString = structuredClone(event) as unknown as { source: { txId: unknown } };
    asString.source.txId = '812';
    expect(diffEvents(keyed(event), keyed(asString)).map((d) => [d.path, d.debezium, d.bridge])).toEqual([['source.txId', '812', '"812"']]);
    const rounded = structuredClone(event);
    rounded.after.c_int8 = 9007199254740992n;
    expect(diffEvents(keyed(event), keyed(rounded)).map((d) => d.path)).toEqual(['after.c_int8']);
  });

  it('compares arrays item by item', () => {
    const changed = structuredClone(event);
    changed.after.c_texts = ['a', 'c'];
    expect(diffEvents(keyed(event), keyed(changed)).map((d) => d.path)).toEqual(['after.c_texts[1]']);
    changed.after.c_texts = ['a'];
    expect(diffEvents(keyed(event), keyed(changed)).map((d) => d.path)).toEqual(['after.c_texts']);
  });

  it('reports a field only one side has, as (absent) on the other', () => {
    const extra = { ...structuredClone(event), transaction: null };
    const { ts_ms: _dropped, ...missing } = structuredClone(event);
    expect(diffEvents(keyed(extra), keyed(event))).toEqual([
      { where: 'public.users {"id":1} #1', path: 'transaction', debezium: 'null', bridge: '(absent)' },
    ]);
    const found = diffEvents(keyed(event), keyed(missing));
    expect(found.map((d) => [d.path, d.bridge])).toEqual([['ts_ms', '(absent)']]);
    // ts_ms is documented: absent on one side, it is still labelled, not dropped.
    expect(found[0]!.documented).toMatch(/processing time/);
  });

  it('tells null from absent, and a tombstone from an event', () => {
    const nullAfter = { ...structuredClone(event), after: null };
    const noAfter = structuredClone(event) as Partial<typeof event>;
    delete noAfter.after;
    expect(diffEvents(keyed(nullAfter), keyed(noAfter)).map((d) => [d.path, d.debezium, d.bridge])).toEqual([['after', 'null', '(absent)']]);
    expect(diffEvents(keyed(null), keyed(event)).map((d) => d.path)).toEqual(['(value)']);
  });

  it('compares headers by name, a header only one side has included', () => {
    const found = diffEvents(keyed(event, { '__debezium.oldkey': '{"id":1}', only: 'left' }), keyed(event, { '__debezium.oldkey': '{"id":2}' }));
    expect(found.map((d) => [d.path, d.debezium, d.bridge])).toEqual([
      ['headers.__debezium.oldkey', '{"id":1}', '{"id":2}'],
      ['headers.only', 'left', '(none)'],
    ]);
    expect(found.every((d) => d.documented === undefined)).toBe(true);
  });

  it('counts records per table and key: a missing record is a difference, a missing key too', () => {
    const two: KeyedRecords = new Map([['public.users {"id":1}', [...keyed(event).values()][0]!.concat([...keyed(event).values()][0]!)]]);
    expect(diffEvents(two, keyed(event))).toEqual([{ where: 'public.users {"id":1}', path: '(records)', debezium: '2', bridge: '1' }]);
    const other = keyed(event, {}, 'public.users {"id":2}');
    expect(diffEvents(keyed(event), other).map((d) => [d.where, d.path, d.debezium, d.bridge])).toEqual([
      ['public.users {"id":1}', '(records)', '1', '0'],
      ['public.users {"id":2}', '(records)', '0', '1'],
    ]);
  });

  it('labels documented fields with their reason and leaves the rest unlabelled', () => {
    const other = structuredClone(event);
    other.source.version = '3.0.8.Final';
    other.source.name = 'lab09.lab04';
    other.ts_ms = 1;
    other.op = 'u';
    const found = diffEvents(keyed(event, { '__debezium.context.taskId': '0' }), keyed(other));
    const byPath = Object.fromEntries(found.map((d) => [d.path, d.documented]));
    expect(Object.keys(byPath).sort()).toEqual(['headers.__debezium.context.taskId', 'op', 'source.name', 'source.version', 'ts_ms']);
    expect(byPath.op).toBeUndefined();
    for (const path of ['source.version', 'source.name', 'ts_ms', 'headers.__debezium.context.taskId']) expect(byPath[path], path).toBe(documentedReason(path));
    expect(byPath['source.version']).toMatch(/3\.6\.1\.Final/);
  });

  it('uses the list it is given instead of the built-in one', () => {
    const other = { ...structuredClone(event), op: 'u' };
    expect(diffEvents(keyed(event), keyed(other), [{ path: /^op$/, reason: 'test' }])[0]!.documented).toBe('test');
    const versions = { ...structuredClone(event), source: { ...event.source, version: 'x' } };
    expect(diffEvents(keyed(event), keyed(versions), [])[0]!.documented).toBeUndefined();
  });
});

describe('the documented differences', () => {
  it('cover the name column only where lab 4 and Debezium disagree, and no other column', () => {
    expect(documentedReason('after.c_name')).toMatch(/include\.unknown\.datatypes=true/);
    expect(documentedReason('before.c_name')).toBeDefined();
    // Debezium 3.5+ adds source.origin and source.origin_lsn, null for a direct write; lab 4 has neither.
    expect(documentedReason('source.origin')).toMatch(/replication origin/);
    expect(documentedReason('source.origin_lsn')).toBe(documentedReason('source.origin'));
    expect(documentedReason('source.originator')).toBeUndefined();
    for (const path of ['after.c_text', 'after.c_names', 'after.name', 'source.txId', 'source.lsn', 'source.ts_ms', 'op', 'headers.__debezium.oldkey', 'headers.__debezium.newkey']) {
      expect(documentedReason(path), path).toBeUndefined();
    }
    expect(DOCUMENTED_DIFFERENCES.every((entry) => entry.reason.length > 20)).toBe(true);
  });
});

describe('byTableAndKey', () => {
  it('groups by table without the prefix and by key as written, in order, values parsed with every digit', () => {
    const record = (offset: bigint, key: string | null, value: string | null): TopicRecord => ({ topic: 'lab09.debezium.public.users', partition: 0, offset, key, value, headers: {} });
    const grouped = byTableAndKey([record(0n, '{"id":1}', '{"n":9007199254740993}'), record(2n, '{"id":1}', null), record(3n, '{"id": 1}', '{}')], 'lab09.debezium');
    expect([...grouped.keys()]).toEqual(['public.users {"id":1}', 'public.users {"id": 1}']);
    expect(grouped.get('public.users {"id":1}')!.map((r) => r.offset)).toEqual([0n, 2n]);
    expect(grouped.get('public.users {"id":1}')![0]!.value).toEqual(readJson('{"n":9007199254740993}'));
    expect(grouped.get('public.users {"id":1}')![1]!.value).toBeNull();
  });
});

describe('the report of documented differences', () => {
  it('has one line per reason, listing its fields, and nothing when there is nothing', async () => {
    const { documentedLines } = await import('../src/compare/report.ts');
    expect(documentedLines([])).toEqual([]);
    const difference = (path: string, documented?: string) => ({ where: 'w', path, debezium: '1', bridge: '2', ...(documented ? { documented } : {}) });
    const lines = documentedLines([
      difference('ts_us', 'clock'), difference('ts_ms', 'clock'), difference('ts_ms', 'clock'), difference('source.version', 'version'), difference('op'),
      difference('headers.x.b', 'headers'), difference('headers.x.a', 'headers'),
    ]);
    expect(lines).toEqual([
      'documented differences (expected):',
      '  headers.x.{a,b} in 1 record(s), e.g. headers.x.a 1 vs 2: headers',
      '  source.version in 1 record(s), e.g. source.version 1 vs 2: version',
      '  ts_ms, ts_us in 2 record(s), e.g. ts_ms 1 vs 2: clock',
    ]);
  });
});
