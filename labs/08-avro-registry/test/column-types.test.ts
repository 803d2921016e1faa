import { describe, expect, it } from 'vitest';
import { TypeCatalog } from '@cdc-lab/04-kafka-bridge/envelope';
import { avroColumn, type ColumnFacts } from '../src/avro/column-types.ts';
import { constantDefault } from '../src/avro/defaults.ts';
import { avroFieldNames, avroNamespace } from '../src/avro/names.ts';

const types = new TypeCatalog();
const column = (type: string, typmod = -1, notNull = true, extra: Partial<ColumnFacts> = {}): ColumnFacts =>
  ({ name: 'c', type: types.builtIn(type), typmod, notNull, ...extra });
/** numeric(p,s)'s type modifier. */
const numeric = (precision: number, scale: number) => ((precision << 16) | scale) + 4;

describe('Postgres types in Avro', () => {
  it.each([
    ['bool', -1, 'boolean'],
    ['int2', -1, 'int'],
    ['int4', -1, 'int'],
    ['int8', -1, 'long'],
    ['float4', -1, 'float'],
    ['float8', -1, 'double'],
    ['text', -1, 'string'],
    ['varchar', 24, 'string'],
    ['bytea', -1, 'bytes'],
    ['numeric', numeric(10, 2), { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 }],
    ['date', -1, { type: 'int', logicalType: 'date' }],
    ['time', -1, { type: 'long', logicalType: 'time-micros' }],
    ['timestamptz', -1, { type: 'long', logicalType: 'timestamp-micros' }],
    ['timestamp', 3, { type: 'long', logicalType: 'local-timestamp-micros' }],
    ['uuid', -1, { type: 'string', logicalType: 'uuid' }],
  ])('%s (typmod %d) → %j', (type, typmod, expected) => {
    expect(avroColumn(column(type, typmod)).schema).toEqual(expected);
  });

  it('falls back to a string, annotated with the Postgres type, for what it does not map', () => {
    for (const type of ['jsonb', 'interval', 'timetz', '_int4', 'money']) {
      expect(avroColumn(column(type)).schema).toEqual({ type: 'string', 'cdc.lab.postgres.type': type });
    }
    expect(avroColumn(column('numeric')).kind).toBe('fallback-string');
  });

  it('makes nullable columns ["null", T] with default null, and gives NOT NULL ones their constant default', () => {
    expect(avroColumn(column('int4', -1, false))).toEqual({ kind: 'int', schema: ['null', 'int'], default: null });
    expect(avroColumn(column('int4', -1, true, { defaultValue: 3 }))).toEqual({ kind: 'int', schema: 'int', default: 3 });
    expect(avroColumn(column('int4', -1, true))).toEqual({ kind: 'int', schema: 'int' });
  });
});

describe('defaults from the catalog', () => {
  it('reads constants as pg_get_expr prints them, and nothing else', () => {
    expect(constantDefault('int', '3')).toBe(3);
    expect(constantDefault('int', '(-3)')).toBe(-3);
    expect(constantDefault('string', "'it''s'::text")).toBe("it's");
    expect(constantDefault('boolean', 'true')).toBe(true);
    expect(constantDefault('long', "nextval('t_id_seq'::regclass)")).toBeUndefined();
    expect(constantDefault('timestamp-micros', 'now()')).toBeUndefined();
    expect(constantDefault('decimal', '1.50')).toBeUndefined();
  });
});

describe('Avro names', () => {
  it('adjusts what Avro does not allow, and keeps field names unique', () => {
    expect(avroNamespace('cdc-lab', 'public', 'order lines')).toBe('cdc_lab.public.order_lines');
    expect([...avroFieldNames(['order date', 'order_date', '1st']).values()]).toEqual(['order_date', 'order_date_2', '_1st']);
  });
});
