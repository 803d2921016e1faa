import crypto from 'node:crypto';
import type { JsonObject } from '../../src/json/write-json.ts';

/*
 * What Debezium 3.0 (JSON converter, schemas disabled, decimal.handling.mode=string, the
 * other settings at their defaults) puts in `after` for the rows workload.ts inserts with
 * id 1 — worked out from its converters (the chapter's type table, docs/04-kafka-bridge.md#types),
 * not from running our code. Shared by the fixture tests and the live stack test, so frozen
 * bytes and a live server are held to the same expectations.
 */

// 2024-02-29 is day 19782 after 1970-01-01; 13:51:30 is 49890 s into the day.
const FEB_29_2024_US = 19_782n * 86_400_000_000n + 49_890_000_000n;

export const EXPECTED_AFTER: Record<string, JsonObject> = {
  numbers: {
    id: 1,
    c_int2: -32768,
    c_int4: 2147483647,
    c_int8: 9007199254740993n,
    c_oid: 4000000000n,
    c_numeric: '12.50',
    c_numeric_free: '3.14159265358979323846264338327950288',
    c_numeric_nan: 'NAN',
    c_numeric_inf: 'POSITIVE_INFINITY',
    c_real: 3.3,
    c_double: 4.44,
    c_double_nan: 'NaN',
    c_double_inf: '-Infinity',
    c_bool: true,
    c_money: '1234.11',
  },
  texts: {
    id: 1,
    c_text: 'line one\nline "two" \\ ✓',
    c_varchar: 'varchar',
    c_bpchar: 'ab   ',
    c_char: 'x',
    c_name: 'a_name',
    c_uuid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    c_json: '{"b": 1,  "a": [true, null]}',
    c_jsonb: '{"a": [true, null], "b": 1}',
    c_xml: '<a>x</a>',
    c_citext: 'MiXeD',
    c_inet: '192.168.0.1/24',
    c_cidr: '10.0.0.0/8',
    c_macaddr: '08:00:2b:01:02:03',
    c_int4range: '[1,10)',
    // Range text keeps the offsets of the decoding session's TimeZone (Asia/Kolkata in the capture).
    c_tstzrange: '["2024-01-01 05:30:00+05:30","2024-01-02 05:30:00+05:30")',
  },
  times: {
    id: 1,
    c_date: 19782,
    c_date_inf: -2147472692,
    c_time: 49_890_123_456n,
    c_time3: 49_890_123,
    c_timetz: '11:51:30.1Z',
    c_timestamp: FEB_29_2024_US + 123_456n,
    c_timestamp3: (FEB_29_2024_US + 123_000n) / 1000n,
    c_timestamp0: FEB_29_2024_US / 1000n,
    c_timestamp_bc: -63_517_780_800_000_000n,
    c_timestamp_inf: -9_223_372_036_832_400_000n,
    c_timestamptz: '2024-02-29T13:51:30.120000Z',
    c_timestamptz3: '2024-02-29T13:51:30.500Z',
    c_timestamptz0: '2024-02-29T13:51:30Z',
    c_timestamptz_inf: 'infinity',
    // (14 months × 30.4375 + 3) days, 4 h 5 min 6.78 s
    c_interval: 37_091_106_780_000n,
  },
  shapes: {
    id: 1,
    c_bytea: 'AAECA/7/',
    c_bit: true,
    c_bits: 'AQI=',
    c_varbit: 'BQ==',
    c_point: { x: 1.5, y: -2, wkb: 'AQEAAAAAAAAAAAD4PwAAAAAAAADA', srid: null },
    // c_box and c_tsvector: no Debezium mapping, left out.
  },
  arrays: {
    id: 1,
    c_int4s: [1, 2, null],
    c_int8s: [9007199254740993n, -1n],
    c_texts: ['plain', 'with space', 'with "quote"', 'with \\ backslash', 'NULL', null, ''],
    c_varchars: ['abc', 'd,e'],
    c_numerics: ['1.50', '2.25'],
    c_bools: [true, false],
    c_uuids: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    c_float8s: [1.5, 'NaN', '-Infinity'],
    c_dates: [19782, 0],
    c_timestamps: [FEB_29_2024_US + 123_456n],
    c_timestamptzs: ['2024-02-29T13:51:30.000000Z'],
    c_jsonbs: ['{"a": 1}', '[1, 2]'],
    c_byteas: ['AQI=', null],
    c_moods: ['sad', 'happy'],
    c_matrix: [[1, 2], [3, 4]],
  },
  user_types: {
    id: 1,
    c_mood: 'happy',
    c_positive: 42,
    // java.util.HashMap order, then Jackson: see values/hstore.ts.
    c_hstore: '{"a":"1","b c":null,"q\\"uote":"x"}',
  },
};

/** The row with id 2: every column null (the empty array stays an empty array). */
export function expectedNullRow(table: string): JsonObject {
  const row: JsonObject = {};
  for (const column of Object.keys(EXPECTED_AFTER[table]!)) row[column] = column === 'id' ? 2 : null;
  if (table === 'arrays') row.c_matrix = [];
  return row;
}

/** The TOASTed values of workload.ts, computed here the way the SQL builds them. */
export function toastedValues(): JsonObject {
  const md5 = (n: number) => crypto.createHash('md5').update(String(n)).digest('hex');
  const longText = (count: number) => Array.from({ length: count }, (_, index) => md5(index + 1)).join('');
  return {
    c_text: longText(200),
    c_bytea: Buffer.from(longText(200), 'hex').toString('base64'),
    c_jsonb: `{"blob": "${longText(200)}"}`,
    c_texts: Array.from({ length: 200 }, (_, index) => md5(index + 1)),
  };
}
