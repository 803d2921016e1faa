import { describe, expect, it } from 'vitest';
import { DEBEZIUM_VERSION, TypeCatalog, type Envelope } from '@cdc-lab/04-kafka-bridge/envelope';
import type { RelationMessage } from '@cdc-lab/04-kafka-bridge/pgoutput';
import { avroColumn } from '../src/avro/column-types.ts';
import { tableSchemas } from '../src/avro/table-schemas.ts';

const types = new TypeCatalog();
const relation: RelationMessage = {
  tag: 'relation', relationId: 1, namespace: 'public', name: 'users', replicaIdentity: 'd',
  columns: [
    { name: 'id', typeOid: 20, typmod: -1, isKey: true },
    { name: 'seen', typeOid: 1184, typmod: -1, isKey: false },
  ],
};
const envelope: Envelope = {
  before: null,
  after: { id: 9007199254740993n, seen: '2024-02-29T12:00:00.000001Z' },
  source: {
    version: DEBEZIUM_VERSION, connector: 'postgresql', name: 'cdc', ts_ms: 1n, snapshot: 'false', db: 'd', sequence: '[null,"1"]',
    ts_us: 1795248968379587n, ts_ns: 1795248968379587000n, schema: 'public', table: 'users', txId: 1n, lsn: 1n, xmin: null,
  },
  transaction: null, op: 'c', ts_ms: 1n, ts_us: 1n, ts_ns: 1795248968379587000n,
};

describe('a table\'s schemas', () => {
  const schemas = tableSchemas(relation, [
    { name: 'id', type: types.builtIn('int8'), typmod: -1, notNull: true },
    { name: 'seen', type: types.builtIn('timestamptz'), typmod: -1, notNull: false },
  ], ['id'], 'cdc', avroColumn);

  it('names the records as Debezium does and keys by the key columns', () => {
    expect(schemas.key?.schema).toEqual({ type: 'record', name: 'Key', namespace: 'cdc.public.users', fields: [{ name: 'id', type: 'long' }] });
    expect((schemas.value.schema as { name: string }).name).toBe('Envelope');
  });

  it('writes int64s beyond 2^53 and microsecond instants exactly', () => {
    const decoded = schemas.value.type.fromBuffer(schemas.encodeValue(envelope)) as { after: { id: bigint; seen: bigint }; ts_ns: bigint };
    expect(decoded.after.id).toBe(9007199254740993n);
    expect(decoded.after.seen).toBe(1709208000000001n);
    expect(decoded.ts_ns).toBe(1795248968379587000n);
    expect(schemas.key!.type.fromBuffer(schemas.encodeKey({ id: 5n }))).toEqual({ id: 5n });
  });

  it('refuses a null in a NOT NULL field with the column\'s name', () => {
    expect(() => schemas.encodeValue({ ...envelope, after: { id: null, seen: null } })).toThrow(/public\.users\.id is NOT NULL/);
  });
});
