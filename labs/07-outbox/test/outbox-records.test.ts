import { describe, expect, it } from 'vitest';
import { Lsn, PostgresSetupError, ReplicationError } from '@cdc-lab/common';
import type { Captured } from '@cdc-lab/04-kafka-bridge/capture';
import { ChangeEventBuilder } from '@cdc-lab/04-kafka-bridge/envelope';
import type { PgoutputMessage, RelationMessage, TupleValue } from '@cdc-lab/04-kafka-bridge/pgoutput';
import { eventFromMessageContent, messageContent, type OutboxEvent } from '../src/outbox-event.ts';
import { outboxEventOf, recordFor, type OutboxSource } from '../src/relay/outbox-records.ts';
import { outboxTopic } from '../src/topics.ts';

/*
 * The relay's choice, on changes shaped by lab 4's real envelope builder from pgoutput
 * messages written out by hand: the outbox table as Postgres describes it (Relation), then
 * inserts, deletes and updates of its rows.
 */
const OID = { uuid: 2950, varchar: 1043, jsonb: 3802, timestamptz: 1184, int4: 23 };
const TABLE_SOURCE: OutboxSource = { variant: 'table', table: { schema: 'shop', table: 'outbox' } };
const MESSAGE_SOURCE: OutboxSource = { variant: 'message', prefix: 'outbox' };
const TRANSACTION = { xid: 812, commitLsn: Lsn.parse('0/1000'), endLsn: Lsn.parse('0/1000') };
const BIG_PAYLOAD = '{"n": 1, "big": 9007199254740993}';

const outboxRelation: RelationMessage = {
  tag: 'relation', relationId: 16_400, namespace: 'shop', name: 'outbox', replicaIdentity: 'd',
  columns: [
    { name: 'id', typeOid: OID.uuid, typmod: -1, isKey: true },
    { name: 'aggregatetype', typeOid: OID.varchar, typmod: 259, isKey: false },
    { name: 'aggregateid', typeOid: OID.varchar, typmod: 259, isKey: false },
    { name: 'type', typeOid: OID.varchar, typmod: 259, isKey: false },
    { name: 'payload', typeOid: OID.jsonb, typmod: -1, isKey: false },
    { name: 'created_at', typeOid: OID.timestamptz, typmod: -1, isKey: false },
  ],
};
const ordersRelation: RelationMessage = {
  tag: 'relation', relationId: 16_390, namespace: 'shop', name: 'orders', replicaIdentity: 'd',
  columns: [{ name: 'id', typeOid: OID.int4, typmod: -1, isKey: true }],
};

const text = (value: string): TupleValue => ({ kind: 'text', text: value });
const NULL: TupleValue = { kind: 'null' };
const row = (id: string, payload = BIG_PAYLOAD): TupleValue[] =>
  [text(id), text('order'), text('42'), text('OrderCreated'), text(payload), text('2026-11-21 06:16:34.331634+00')];

/** Shape messages into the change items the capture stage would hand to the relay. */
function changes(...messages: PgoutputMessage[]): Captured[] {
  const builder = new ChangeEventBuilder({ topicPrefix: 'lab07', database: 'cdclab', clock: () => 0n });
  builder.accept({ tag: 'begin', finalLsn: TRANSACTION.commitLsn, commitTimeUs: 0n, xid: TRANSACTION.xid }, Lsn.parse('0/F00'));
  const captured: Captured[] = [];
  for (const message of messages) {
    for (const event of builder.accept(message, Lsn.parse('0/F80'))) captured.push({ kind: 'change', event, transaction: TRANSACTION, index: captured.length });
  }
  return captured;
}

function only(captured: Captured[]): Exclude<Captured, { kind: 'commit' }> {
  const [item] = captured;
  if (!item || item.kind === 'commit' || captured.length !== 1) throw new Error(`expected one change, got ${captured.length}`);
  return item;
}

function message(content: string, { transactional = true, prefix = 'outbox' } = {}): Exclude<Captured, { kind: 'commit' }> {
  return {
    kind: 'message',
    message: { tag: 'message', transactional, lsn: Lsn.parse('0/2A'), prefix, content: Buffer.from(content) },
    transaction: transactional ? TRANSACTION : null,
    index: 0,
  };
}

const EVENT: OutboxEvent = { id: '9d0c6f0e-62a4-4be1-9a3b-4b6f8c2f1a77', aggregatetype: 'order', aggregateid: '42', type: 'OrderCreated', payload: BIG_PAYLOAD };

describe('the table variant', () => {
  it('makes an event of an INSERT into the outbox, the payload text untouched', () => {
    const selection = outboxEventOf(only(changes(outboxRelation, { tag: 'insert', relationId: 16_400, newTuple: row(EVENT.id) })), TABLE_SOURCE);
    expect(selection).toEqual({ kind: 'event', event: EVENT });
  });

  it('ignores a DELETE of an outbox row: clean-up is not an event', () => {
    const selection = outboxEventOf(only(changes(outboxRelation, { tag: 'delete', relationId: 16_400, old: { identity: 'key', values: [text(EVENT.id), NULL, NULL, NULL, NULL, NULL] } })), TABLE_SOURCE);
    expect(selection).toMatchObject({ kind: 'ignored', what: 'DELETE(s) of shop.outbox' });
  });

  it('ignores an UPDATE of an outbox row, even one that changes its id', () => {
    const plain = outboxEventOf(only(changes(outboxRelation, { tag: 'update', relationId: 16_400, old: null, newTuple: row(EVENT.id) })), TABLE_SOURCE);
    expect(plain).toMatchObject({ kind: 'ignored', what: 'UPDATE(s) of shop.outbox' });
    const rekeyed = changes(outboxRelation, { tag: 'update', relationId: 16_400, old: { identity: 'key', values: [text(EVENT.id), NULL, NULL, NULL, NULL, NULL] }, newTuple: row('0b0b0b0b-62a4-4be1-9a3b-4b6f8c2f1a77') });
    expect(rekeyed.map((item) => outboxEventOf(item as Exclude<Captured, { kind: 'commit' }>, TABLE_SOURCE).kind)).toEqual(['ignored', 'ignored']);
  });

  it('leaves other tables and messages alone', () => {
    expect(outboxEventOf(only(changes(ordersRelation, { tag: 'insert', relationId: 16_390, newTuple: [text('1')] })), TABLE_SOURCE)).toEqual({ kind: 'unrelated' });
    expect(outboxEventOf(message(messageContent(EVENT)), TABLE_SOURCE)).toEqual({ kind: 'unrelated' });
  });

  it('refuses an outbox table without the columns of Debezium\'s outbox', () => {
    const bare: RelationMessage = { ...outboxRelation, columns: outboxRelation.columns.filter((column) => column.name !== 'aggregateid') };
    const insert = only(changes(bare, { tag: 'insert', relationId: 16_400, newTuple: row(EVENT.id).filter((_, index) => index !== 2) }));
    expect(() => outboxEventOf(insert, TABLE_SOURCE)).toThrow(PostgresSetupError);
  });
});

describe('the message variant', () => {
  it('makes an event of a transactional message with the outbox prefix', () => {
    expect(outboxEventOf(message(messageContent(EVENT)), MESSAGE_SOURCE)).toEqual({ kind: 'event', event: EVENT });
  });

  it('ignores a non-transactional one: it is decoded even when its transaction rolls back', () => {
    expect(outboxEventOf(message(messageContent(EVENT), { transactional: false }), MESSAGE_SOURCE)).toMatchObject({ kind: 'ignored' });
  });

  it('leaves other prefixes and row changes alone', () => {
    expect(outboxEventOf(message('hello', { prefix: 'other' }), MESSAGE_SOURCE)).toEqual({ kind: 'unrelated' });
    expect(outboxEventOf(only(changes(outboxRelation, { tag: 'insert', relationId: 16_400, newTuple: row(EVENT.id) })), MESSAGE_SOURCE)).toEqual({ kind: 'unrelated' });
  });

  it('stops at a malformed outbox message rather than guess', () => {
    expect(() => outboxEventOf(message('not json'), MESSAGE_SOURCE)).toThrow(ReplicationError);
    expect(() => outboxEventOf(message('{"id":"x"}'), MESSAGE_SOURCE)).toThrow(/"aggregatetype" is missing/);
    expect(() => eventFromMessageContent(Buffer.from(JSON.stringify({ ...EVENT, payload: { n: 1 } })), 'here')).toThrow(/JSON text in a string/);
  });
});

describe('the record of an event', () => {
  it('goes to <prefix>.outbox.event.<aggregatetype>, keyed by aggregate id, with id and type headers', () => {
    expect(recordFor(EVENT, 'lab07')).toEqual({
      topic: 'lab07.outbox.event.order',
      key: '42',
      value: BIG_PAYLOAD,
      headers: { id: EVENT.id, type: 'OrderCreated' },
    });
  });

  it('replaces what Kafka does not allow in a topic name', () => {
    expect(outboxTopic('lab07', 'Order Line/v2')).toBe('lab07.outbox.event.Order_Line_v2');
  });

  it('writes message content with the outbox columns as keys and the payload as a string', () => {
    expect(JSON.parse(messageContent(EVENT))).toEqual({ ...EVENT });
    expect(messageContent(EVENT)).toContain('9007199254740993');
  });
});
