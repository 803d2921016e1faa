import { describe, expect, it } from 'vitest';
import { classify, decodeBytes, headerText, sourcePosition } from '../src/decode.ts';
import type { WireMessage } from '../src/kafka-wire.ts';

const record = (offset: number, producerId: string, extra: Partial<WireMessage> = {}): WireMessage => ({
  offset: String(offset), timestamp: '0', key: Buffer.from('k'), value: Buffer.from('{}'), headers: {},
  batchContext: { producerId, inTransaction: true, isControlBatch: false }, ...extra,
});
const marker = (offset: number, producerId: string, type: 0 | 1): WireMessage => ({
  ...record(offset, producerId), key: Buffer.from([0, 0, 0, type]), value: null, isControlRecord: true,
  batchContext: { producerId, inTransaction: true, isControlBatch: true },
});

describe('classifying a partition\'s records as a read_committed reader sees them', () => {
  it('tells committed, aborted and open records and the markers apart', () => {
    const messages = [record(0, '1'), marker(1, '1', 1), record(2, '1'), marker(3, '1', 0), record(4, '1'), record(5, '2')];
    const states = classify({ lastStableOffset: '4', abortedTransactions: [{ producerId: '1', firstOffset: '2' }], messages }).map((entry) => entry.state);
    expect(states).toEqual(['committed', 'commit-marker', 'aborted', 'abort-marker', 'open', 'open']);
  });

  it('does not call a later committed transaction of the same producer aborted', () => {
    const messages = [record(0, '1'), marker(1, '1', 0), record(2, '1'), marker(3, '1', 1)];
    const states = classify({ lastStableOffset: '4', abortedTransactions: [{ producerId: '1', firstOffset: '0' }], messages }).map((entry) => entry.state);
    expect(states).toEqual(['aborted', 'abort-marker', 'committed', 'commit-marker']);
  });
});

describe('decoding keys and values', () => {
  it('reads JSON as a tree, other text as text, other bytes as hex', async () => {
    expect(await decodeBytes(Buffer.from('{"id":1}'), undefined)).toEqual({ kind: 'json', json: { id: 1 } });
    expect(await decodeBytes(Buffer.from('order-1'), undefined)).toEqual({ kind: 'text', text: 'order-1' });
    expect(await decodeBytes(Buffer.from([0xff, 0x01]), undefined)).toEqual({ kind: 'bytes', hex: 'ff01' });
    expect(await decodeBytes(null, undefined)).toEqual({ kind: 'null' });
  });

  it('reads the Confluent wire format through the registry, by the schema id after the magic byte', async () => {
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from([2, 3])]);
    const seen: Array<[number, string]> = [];
    const decoded = await decodeBytes(framed, async (id, body) => {
      seen.push([id, body.toString('hex')]);
      return { id: 1 };
    });
    expect(decoded).toEqual({ kind: 'avro', schemaId: 7, json: { id: 1 } });
    expect(seen).toEqual([[7, '0203']]);
    const failing = await decodeBytes(framed, async () => {
      throw new Error('the registry has no schema 7');
    });
    expect(failing).toMatchObject({ kind: 'avro-unknown', schemaId: 7, error: 'the registry has no schema 7' });
  });

  it('finds the LSN and txId of a change event in source, with or without the schema wrapper, LSN as Postgres prints it', () => {
    expect(sourcePosition({ kind: 'json', json: { op: 'c', source: { lsn: 23_902_016, txId: 771 } } })).toEqual({ lsn: '0/16CB740', txId: '771' });
    expect(sourcePosition({ kind: 'json', json: { schema: {}, payload: { source: { lsn: 4_294_967_296, txId: null } } } })).toEqual({ lsn: '1/0', txId: null });
    expect(sourcePosition({ kind: 'json', json: { id: 1 } })).toBeNull();
    expect(sourcePosition({ kind: 'text', text: 'x' })).toBeNull();
  });

  it('shows headers as text, or hex when they are not', () => {
    expect(headerText({ id: Buffer.from('e-1'), raw: Buffer.from([0xff]), many: [Buffer.from('a'), Buffer.from('b')], none: undefined })).toEqual({ id: 'e-1', raw: 'ff', many: 'a, b' });
  });
});
