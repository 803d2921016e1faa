import { describe, expect, it } from 'vitest';
import { kafkaRecordsFor, serializeRecord, topicFor } from '../src/envelope/index.ts';
import { eventsOf, loadFixture, shapeCapture } from './support/fixture.ts';

const events = shapeCapture(loadFixture());
const routing = { prefix: 'shop-server' };

describe('kafkaRecordsFor', () => {
  it('routes each table to <prefix>.<schema>.<table>', () => {
    const [record] = kafkaRecordsFor(eventsOf(events, 'user_types', 'c')[0]!, routing);
    expect(record!.topic).toBe('shop-server.shop.user_types');
  });

  it('sends one record per insert or update, and a tombstone with the same key and headers after a delete', () => {
    expect(kafkaRecordsFor(eventsOf(events, 'numbers', 'c')[0]!, routing)).toHaveLength(1);
    const keyChange = eventsOf(events, 'toasty', 'd')[0]!;
    const [record, tombstone] = kafkaRecordsFor(keyChange, routing);
    expect(record!.value?.op).toBe('d');
    expect(tombstone).toEqual({ topic: 'shop-server.public.toasty', key: { id: 1 }, value: null, headers: { '__debezium.newkey': { id: 10 } } });
  });

  it('sends a tombstone even for a keyless delete, as Debezium does, and none after a truncate', () => {
    const keyless = eventsOf(events, 'no_key', 'd')[0]!;
    expect(kafkaRecordsFor(keyless, routing).map((record) => [record.key, record.value === null])).toEqual([[null, false], [null, true]]);
    const truncate = events.find((event) => event.value.op === 't')!;
    expect(kafkaRecordsFor(truncate, routing)).toHaveLength(1);
  });

  it('can put every table on one topic', () => {
    const topics = new Set(events.flatMap((event) => kafkaRecordsFor(event, { ...routing, singleTopic: 'all-changes' })).map((record) => record.topic));
    expect([...topics]).toEqual(['all-changes']);
  });
});

describe('topicFor', () => {
  it('replaces characters Kafka does not allow in topic names', () => {
    expect(topicFor('srv', 'Sales Data', 'orders$2024')).toBe('srv.Sales_Data.orders_2024');
    expect(topicFor('srv', 'public', 'ünïcode')).toBe('srv.public._n_code');
    expect(topicFor('p', 's', 'x'.repeat(300))).toHaveLength(249);
  });
});

describe('serializeRecord', () => {
  it('writes key, value and headers as JSON with every digit of int64 values', () => {
    const event = eventsOf(events, 'numbers', 'c')[0]!;
    const serialized = serializeRecord(kafkaRecordsFor(event, routing)[0]!);
    expect(serialized.key).toBe('{"id":1}');
    expect(serialized.value).toContain('"c_int8":9007199254740993,');
    expect(serialized.value).toMatch(/^\{"before":null,"after":\{"id":1,/);
    expect(serialized.value).toMatch(/"transaction":null,"op":"c","ts_ms":\d+,"ts_us":\d+,"ts_ns":\d+\}$/);
  });

  it('writes a tombstone as a null value, and headers as JSON text', () => {
    const [, tombstone] = kafkaRecordsFor(eventsOf(events, 'toasty', 'd')[0]!, routing);
    expect(serializeRecord(tombstone!)).toEqual({ topic: 'shop-server.public.toasty', key: '{"id":1}', value: null, headers: { '__debezium.newkey': '{"id":10}' } });
  });
});
