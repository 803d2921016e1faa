import { describe, expect, it } from 'vitest';
import { Lsn, ReplicationError } from '@cdc-lab/common';
import { ChangeEventBuilder, rowImage, tableShape, TypeCatalog, UNAVAILABLE_VALUE, type ChangeEvent } from '../src/envelope/index.ts';
import type { BeginMessage, RelationMessage } from '../src/pgoutput/index.ts';
import { EXPECTED_AFTER, expectedNullRow, toastedValues } from './support/expected-rows.ts';
import { decodeCapture, eventsOf, loadFixture, PROCESSED_AT_US, shapeCapture } from './support/fixture.ts';

const capture = loadFixture();
const decoded = decodeCapture(capture);
const events = shapeCapture(capture);
const one = (table: string, op: string, index = 0): ChangeEvent => eventsOf(events, table, op)[index] ?? expect.fail(`no ${op} event #${index} for ${table}`);

describe('row images of every mapped type', () => {
  for (const table of Object.keys(EXPECTED_AFTER)) {
    it(`${table}: the inserted row with values, then the row of nulls`, () => {
      const [withValues, withNulls] = eventsOf(events, table, 'c');
      expect(withValues!.value.after).toEqual(EXPECTED_AFTER[table]);
      expect(withNulls!.value.after).toEqual(expectedNullRow(table));
      expect(withValues!.value.before).toBeNull();
      expect(withValues!.key).toEqual({ id: 1 });
    });
  }

  it('keeps the field order of the table and leaves unmapped columns out', () => {
    expect(Object.keys(one('shapes', 'c').value.after!)).toEqual(['id', 'c_bytea', 'c_bit', 'c_bits', 'c_varbit', 'c_point']);
  });
});

describe('the envelope and its source block', () => {
  const event = one('numbers', 'c');
  const begin = decoded.find(({ message }) => message.tag === 'begin')!.message as BeginMessage;
  const insertLsn = decoded.find(({ message }) => message.tag === 'insert')!.lsn;

  it("has Debezium's fields in Debezium's order", () => {
    expect(Object.keys(event.value)).toEqual(['before', 'after', 'source', 'transaction', 'op', 'ts_ms', 'ts_us', 'ts_ns']);
    expect(Object.keys(event.value.source)).toEqual(['version', 'connector', 'name', 'ts_ms', 'snapshot', 'db', 'sequence', 'ts_us', 'ts_ns', 'schema', 'table', 'txId', 'lsn', 'xmin']);
  });

  it('says where the change came from: server name, database, table, transaction, WAL position', () => {
    expect(event.value.source).toEqual({
      version: '3.0.8.Final',
      connector: 'postgresql',
      name: 'fixture',
      ts_ms: begin.commitTimeUs / 1000n,
      snapshot: 'false',
      db: 'cdc_lab_04_fixture',
      sequence: `[null,"${insertLsn.value}"]`,
      ts_us: begin.commitTimeUs,
      ts_ns: begin.commitTimeUs * 1000n,
      schema: 'public',
      table: 'numbers',
      txId: BigInt(begin.xid),
      lsn: insertLsn.value,
      xmin: null,
    });
    expect(event.value.transaction).toBeNull();
  });

  it('stamps the processing time in ms, µs and ns', () => {
    expect([event.value.ts_ms, event.value.ts_us, event.value.ts_ns]).toEqual([PROCESSED_AT_US / 1000n, PROCESSED_AT_US, PROCESSED_AT_US * 1000n]);
  });

  it('carries the end of the previous transaction in source.sequence', () => {
    const firstCommit = decoded.find(({ message }) => message.tag === 'commit')!.lsn;
    const toastInsert = one('toasty', 'c');
    expect(JSON.parse(toastInsert.value.source.sequence)).toEqual([firstCommit.value.toString(), toastInsert.value.source.lsn!.toString()]);
  });

  it('starts source.sequence from a stored commit position when resuming', () => {
    const resumed = shapeCapture(capture, { lastCommitLsn: Lsn.parse('0/1000') });
    expect(JSON.parse(resumed[0]!.value.source.sequence)[0]).toBe('4096');
  });
});

describe('TOAST and replica identity', () => {
  const toasted = toastedValues();

  it('REPLICA IDENTITY DEFAULT: an update has no before, and untouched TOASTed columns hold placeholders', () => {
    const update = one('toasty', 'u');
    expect(update.value.before).toBeNull();
    expect(update.value.after).toEqual({
      id: 1,
      counter: 2,
      c_text: UNAVAILABLE_VALUE,
      c_bytea: Buffer.from(UNAVAILABLE_VALUE).toString('base64'),
      c_jsonb: UNAVAILABLE_VALUE,
      c_ints: [...Buffer.from(UNAVAILABLE_VALUE)],
      c_texts: [UNAVAILABLE_VALUE],
    });
  });

  it('REPLICA IDENTITY FULL: the update carries the old row, and untouched TOASTed columns are taken from it', () => {
    const update = one('toasty_full', 'u');
    const inserted = one('toasty_full', 'c').value.after!;
    expect(update.value.before).toEqual(inserted);
    expect(update.value.after).toEqual({ ...inserted, counter: 2 });
    expect(inserted).toMatchObject(toasted);
    expect(inserted.c_ints).toHaveLength(1000);
  });

  it('a key change under DEFAULT becomes a delete of the old key and a create of the new one', () => {
    const [remove] = eventsOf(events, 'toasty', 'd');
    const create = one('toasty', 'c', 1);
    expect(remove!.key).toEqual({ id: 1 });
    expect(remove!.value.before).toEqual({ id: 1, counter: null, c_text: null, c_bytea: null, c_jsonb: null, c_ints: null, c_texts: null });
    expect(remove!.headers).toEqual({ '__debezium.newkey': { id: 10 } });
    expect(create.key).toEqual({ id: 10 });
    expect(create.value.after).toMatchObject({ id: 10, counter: 2, c_text: UNAVAILABLE_VALUE });
    expect(create.headers).toEqual({ '__debezium.oldkey': { id: 1 } });
    expect(create.value.source.lsn).toBe(remove!.value.source.lsn);
  });

  it('a delete under DEFAULT knows only the key; under FULL, the whole row', () => {
    expect(one('toasty', 'd', 1).value.before).toEqual({ id: 10, counter: null, c_text: null, c_bytea: null, c_jsonb: null, c_ints: null, c_texts: null });
    const full = one('toasty_full', 'd');
    expect(full.value.before).toMatchObject({ id: 1, counter: 2, ...toasted });
    expect(full.value.after).toBeNull();
  });

  it('a table without a primary key has a null key, whatever its replica identity', () => {
    const changes = eventsOf(events, 'no_key');
    expect(changes.map((event) => [event.value.op, event.key])).toEqual([['c', null], ['u', null], ['d', null], ['c', null], ['c', null]]);
    expect(changes[1]!.value.before).toEqual({ a: 1, b: 'one' });
    expect(changes[1]!.value.after).toEqual({ a: 1, b: 'uno' });
  });
});

describe('NULLs, NOT NULL and defaults', () => {
  it('writes a column default in place of a NULL, as the JSON converter does', () => {
    const insert = one('defaults', 'c');
    expect(insert.value.after).toMatchObject({ id: 1, label: 'first', amount: 42n, note: 'none', qty: 7, price: '5.00', status: 'ok' });
  });

  it('fills the NOT NULL columns of a key-only old row with their defaults, or a zero of the type', () => {
    expect(one('defaults', 'd').value.before).toEqual({
      id: 1,
      label: '',
      amount: 0n,
      tags: [],
      qty: 7,
      price: '5.00',
      active: true,
      status: 'ok',
      // now() and gen_random_uuid() are "generated": Debezium stands in a fixed placeholder.
      created: '1970-01-01T00:00:00.000000Z',
      made: 0n,
      ref: '00000000-0000-0000-0000-000000000000',
      note: 'none',
    });
  });

  it('leaves nulls alone without the column catalog', () => {
    const bare = shapeCapture(capture, { columns: undefined });
    expect(eventsOf(bare, 'defaults', 'd')[0]!.value.before).toMatchObject({ label: null, qty: null, note: null });
  });
});

describe('stream events beyond rows', () => {
  it('applies a Relation message sent after ALTER TABLE to the changes that follow it', () => {
    expect(one('numbers', 'c', 2).value.after).toMatchObject({ id: 3, c_int4: 3, c_added: 'after alter' });
  });

  it('turns a TRUNCATE of two tables into two op=t events without key or rows', () => {
    const truncates = events.filter((event) => event.value.op === 't');
    expect(truncates.map((event) => [event.table, event.key, event.value.before, event.value.after])).toEqual([
      ['numbers', null, null, null],
      ['texts', null, null, null],
    ]);
  });

  it('refuses values in binary format, and rows that do not match their Relation', () => {
    const relation = decoded.find(({ message }) => message.tag === 'relation' && message.name === 'no_key')!.message as RelationMessage;
    const shape = tableShape(relation, new TypeCatalog(), {}, 'omit');
    expect(() => rowImage(shape, [{ kind: 'binary', bytes: Buffer.from([1]) }, { kind: 'null' }])).toThrow(/arrived in binary format/);
    expect(() => rowImage(shape, [{ kind: 'null' }])).toThrow(/has 1 columns, but its Relation message lists 2/);
  });

  it('makes no events of logical messages and origins, and refuses a change outside a transaction', () => {
    const builder = new ChangeEventBuilder({ topicPrefix: 'p', database: 'd' });
    const message = decoded.find(({ message }) => message.tag === 'message')!;
    expect(builder.accept(message.message, message.lsn)).toEqual([]);
    const relation = decoded.find(({ message }) => message.tag === 'relation')!;
    builder.accept(relation.message, relation.lsn);
    const insert = decoded.find(({ message }) => message.tag === 'insert')!;
    expect(() => builder.accept(insert.message, insert.lsn)).toThrow(ReplicationError);
  });
});

describe('without catalog answers', () => {
  const bare = shapeCapture(capture, { primaryKeys: undefined, userTypes: undefined });

  it('takes the key from the replica identity flags under DEFAULT, and gives FULL tables no key', () => {
    expect(eventsOf(bare, 'numbers', 'c')[0]!.key).toEqual({ id: 1 });
    expect(eventsOf(bare, 'toasty_full', 'c')[0]!.key).toBeNull();
  });

  it('still maps user types by what the Type messages name', () => {
    expect(eventsOf(bare, 'user_types', 'c')[0]!.value.after).toEqual(EXPECTED_AFTER.user_types);
    expect(eventsOf(bare, 'arrays', 'c')[0]!.value.after).toEqual(EXPECTED_AFTER.arrays);
  });
});
