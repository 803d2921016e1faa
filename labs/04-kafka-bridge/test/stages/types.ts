import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#types';

/** 2^53 + 1: the first integer a JavaScript number cannot hold. */
const BEYOND_DOUBLE = '9007199254740993';

/*
 * One column of each type the chapter maps, the value inserted, and the JSON value Debezium
 * writes for it — worked out here from the rules in the chapter (days since the epoch,
 * microseconds, base64, …) with plain JavaScript, not with the bridge's converters.
 */
const DAY_MS = 86_400_000;
const feb29 = Date.UTC(2024, 1, 29);
const at135130 = Date.UTC(2024, 1, 29, 13, 51, 30);

interface Column {
  name: string;
  type: string;
  literal: string;
  /** The JSON value expected in `after`, as JSON.parse reads it; bigint columns are checked as text. */
  json: unknown;
}

const COLUMNS: Column[] = [
  { name: 'c_smallint', type: 'smallint', literal: '-32768', json: -32768 },
  { name: 'c_integer', type: 'integer', literal: '2147483647', json: 2147483647 },
  { name: 'c_bigint', type: 'bigint', literal: `-${BEYOND_DOUBLE}`, json: `-${BEYOND_DOUBLE}` },
  { name: 'c_numeric', type: 'numeric(12,3)', literal: '12345.670', json: '12345.670' },
  { name: 'c_numeric_free', type: 'numeric', literal: '3.14159265358979323846264338327950288', json: '3.14159265358979323846264338327950288' },
  { name: 'c_real', type: 'real', literal: '3.25', json: 3.25 },
  { name: 'c_double', type: 'double precision', literal: '1234.5678', json: 1234.5678 },
  { name: 'c_boolean', type: 'boolean', literal: 'true', json: true },
  { name: 'c_text', type: 'text', literal: `E'line one\\nline "two" \\\\ \\u2713'`, json: 'line one\nline "two" \\ \u2713' },
  { name: 'c_varchar', type: 'varchar(20)', literal: "'varchar'", json: 'varchar' },
  { name: 'c_uuid', type: 'uuid', literal: "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", json: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' },
  { name: 'c_date', type: 'date', literal: "'2024-02-29'", json: feb29 / DAY_MS },
  { name: 'c_time', type: 'time', literal: "'13:51:30.123456'", json: 49_890_123_456 },
  { name: 'c_time3', type: 'time(3)', literal: "'13:51:30.123'", json: 49_890_123 },
  { name: 'c_timestamp', type: 'timestamp', literal: "'2024-02-29 13:51:30.123456'", json: at135130 * 1000 + 123_456 },
  { name: 'c_timestamp3', type: 'timestamp(3)', literal: "'2024-02-29 13:51:30.123'", json: at135130 + 123 },
  { name: 'c_timestamptz', type: 'timestamptz', literal: "'2024-02-29 15:51:30.12+02'", json: '2024-02-29T13:51:30.120000Z' },
  { name: 'c_json', type: 'json', literal: `'{"b": 1,  "a": [true, null]}'`, json: '{"b": 1,  "a": [true, null]}' },
  { name: 'c_jsonb', type: 'jsonb', literal: `'{"b": 1,  "a": [true, null]}'`, json: '{"a": [true, null], "b": 1}' },
  { name: 'c_bytea', type: 'bytea', literal: "'\\x00010203feff'", json: Buffer.from('00010203feff', 'hex').toString('base64') },
  { name: 'c_int_array', type: 'integer[]', literal: "'{1,2,NULL}'", json: [1, 2, null] },
  { name: 'c_text_array', type: 'text[]', literal: `'{"with space","with \\"quote\\"",NULL}'`, json: ['with space', 'with "quote"', null] },
  { name: 'c_enum', type: 'mood', literal: "'happy'", json: 'happy' },
];

/**
 * A row of every type, and a row of NULLs, read back from Kafka and compared value by value
 * with what Debezium writes — including a bigint beyond 2^53, in the key and in the row,
 * which must keep every digit.
 */
export const types: Stage = {
  slug: 'types',
  extension: true,
  title: 'every mapped type (integers beyond 2^53, numeric, floats, text, uuid, dates and times, json, bytea, arrays, enums) and NULL arrive as Debezium writes them',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await ctx.db.query("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
    await ctx.db.query(`CREATE TABLE all_types (id bigint PRIMARY KEY, ${COLUMNS.map((column) => `${column.name} ${column.type}`).join(', ')})`);
    await commit(ctx.db, [
      `INSERT INTO all_types VALUES (${BEYOND_DOUBLE}, ${COLUMNS.map((column) => column.literal).join(', ')})`,
      `INSERT INTO all_types (id) VALUES (2)`,
    ]);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'all_types');
    const records = await waitForRecords(ctx.kafka(), run, topic, 2, { what: 'the row of every type and the row of NULLs' });
    const [full, empty] = records;
    check(full?.event?.op === 'c' && empty?.event?.op === 'c', { expected: 'two create events', got: describeRecords(records), docs: DOCS });

    check(full.key === `{"id":${BEYOND_DOUBLE}}`, {
      expected: `the key {"id":${BEYOND_DOUBLE}}, every digit kept`,
      got: `key ${full.key ?? 'null'}`,
      hint: 'JavaScript numbers stop being exact at 2^53: keep int8 values as bigint and write their digits yourself (JSON.stringify cannot)',
      docs: DOCS,
    });
    const rawBigint = /"c_bigint":(-?\d+)[,}]/.exec(full.value ?? '')?.[1];
    check(rawBigint === `-${BEYOND_DOUBLE}`, {
      expected: `"c_bigint":-${BEYOND_DOUBLE} in the value, as a JSON number with every digit`,
      got: rawBigint === undefined ? 'no c_bigint number in the value' : `"c_bigint":${rawBigint}`,
      hint: 'a quoted "9007199254740993" is a string, a different JSON value; write the digits bare',
      docs: DOCS,
    });

    const after = full.event!.after ?? {};
    const wrong = COLUMNS.filter((column) => column.name !== 'c_bigint' && JSON.stringify(after[column.name]) !== JSON.stringify(column.json));
    check(wrong.length === 0, {
      expected: 'each column as Debezium writes it',
      got: wrong.map((column) => `${column.name} (${column.type}) ${JSON.stringify(after[column.name])}, expected ${JSON.stringify(column.json)}`).join('; '),
      hint: 'the chapter\'s type table says what each type becomes; values arrive as the text the type\'s output function prints, so the replication connection needs the session settings of envelope/values/output-settings.ts',
      docs: DOCS,
    });

    const nulls = empty.event!.after ?? {};
    const notNull = ['id', ...COLUMNS.map((column) => column.name)].filter((name) => (name === 'id' ? nulls[name] !== 2 : nulls[name] !== null));
    check(notNull.length === 0 && Object.keys(nulls).length === COLUMNS.length + 1, {
      expected: 'the second row: id 2 and every other column null (present, with the value null)',
      got: JSON.stringify(nulls),
      hint: 'a NULL arrives as the tuple kind n; a nullable column without a default stays null',
      docs: 'docs/04-kafka-bridge.md#null-defaults-and-toast',
    });
  },
};
