import { describe, expect, it } from 'vitest';
import { eventLine } from '../src/events/event-line.ts';

const topic = 'lab09.public.users';

describe('eventLine', () => {
  it('shows a change as op, key, snapshot and the new row', () => {
    const value = JSON.stringify({ before: null, after: { id: 3, name: 'Barbara' }, source: { snapshot: 'false' }, op: 'c' });
    expect(eventLine({ topic, key: '{"id":3}', value, headers: {} })).toBe('event lab09.public.users op=c key={"id":3} snapshot=false {"after":{"id":3,"name":"Barbara"}}');
  });

  it('shows the old row for a delete, and the snapshot marker of a read', () => {
    const deleted = JSON.stringify({ before: { id: 1, name: '' }, after: null, source: { snapshot: 'false' }, op: 'd' });
    expect(eventLine({ topic, key: '{"id":1}', value: deleted, headers: {} })).toBe('event lab09.public.users op=d key={"id":1} snapshot=false {"before":{"id":1,"name":""}}');
    const read = JSON.stringify({ before: null, after: { id: 2 }, source: { snapshot: 'incremental' }, op: 'r' });
    expect(eventLine({ topic, key: '{"id":2}', value: read, headers: {} })).toBe('event lab09.public.users op=r key={"id":2} snapshot=incremental {"after":{"id":2}}');
  });

  it('shows a tombstone as such, and a missing key as null', () => {
    expect(eventLine({ topic, key: '{"id":1}', value: null, headers: {} })).toBe('tombstone lab09.public.users key={"id":1}');
    const truncate = JSON.stringify({ before: null, after: null, source: { snapshot: 'false' }, op: 't' });
    expect(eventLine({ topic, key: null, value: truncate, headers: {} })).toBe('event lab09.public.users op=t key=null snapshot=false {"after":null}');
  });

  it('shows anything else as a record with its headers, Debezium\'s context headers left out', () => {
    const line = eventLine({
      topic: 'lab09.outbox.event.order',
      key: '8',
      value: '{"orderId": 8}',
      headers: { id: 'e1', type: 'OrderCreated', '__debezium.context.taskId': '0' },
    });
    expect(line).toBe('record lab09.outbox.event.order key=8 id=e1 type=OrderCreated {"orderId": 8}');
    expect(eventLine({ topic: 't', key: 'k', value: 'not json', headers: {} })).toBe('record t key=k not json');
  });

  it('clips a long row to 240 characters with an ellipsis', () => {
    const value = JSON.stringify({ after: { id: 1, text: 'x'.repeat(500) }, source: { snapshot: 'false' }, op: 'c' });
    const line = eventLine({ topic, key: '{"id":1}', value, headers: {} });
    const row = line.slice(line.indexOf('{"after"'));
    expect(row).toHaveLength(240);
    expect(row.endsWith('…')).toBe(true);
    expect(line.startsWith('event lab09.public.users op=c key={"id":1} snapshot=false {"after":{"id":1,"text":"xxx')).toBe(true);
  });
});
