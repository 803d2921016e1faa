/*
 * The comparison's workload: every kind of change lab 4's envelope shapes, on every column
 * type its chapter lists, run once while Debezium and the bridge both listen. The tables live
 * in a schema of their own, recreated at every run, so that a database with other work in it
 * (the learner's) is not touched.
 */
export const WORKLOAD_SCHEMA = 'lab09_compare';
const S = `"${WORKLOAD_SCHEMA}"`;

/** Tables first, before either pipeline starts: both publications are made for these tables. */
export const WORKLOAD_SETUP = `
DROP SCHEMA IF EXISTS ${S} CASCADE;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA ${S};
CREATE TYPE ${S}."mood" AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN ${S}."positive_int" AS integer CHECK (VALUE > 0);
CREATE TABLE ${S}."numbers" (
  "id" integer PRIMARY KEY,
  "c_int2" smallint, "c_int4" integer, "c_int8" bigint, "c_oid" oid,
  "c_numeric" numeric(10,2), "c_numeric_free" numeric, "c_numeric_nan" numeric,
  "c_real" real, "c_double" double precision, "c_double_nan" double precision, "c_double_inf" double precision,
  "c_bool" boolean, "c_money" money);
CREATE TABLE ${S}."texts" (
  "id" integer PRIMARY KEY,
  "c_text" text, "c_varchar" varchar(20), "c_bpchar" char(5), "c_char" "char", "c_name" name,
  "c_uuid" uuid, "c_json" json, "c_jsonb" jsonb, "c_xml" xml, "c_citext" citext,
  "c_inet" inet, "c_cidr" cidr, "c_macaddr" macaddr, "c_int4range" int4range, "c_tstzrange" tstzrange);
CREATE TABLE ${S}."times" (
  "id" integer PRIMARY KEY,
  "c_date" date, "c_date_inf" date, "c_time" time, "c_time3" time(3), "c_timetz" timetz,
  "c_timestamp" timestamp, "c_timestamp3" timestamp(3), "c_timestamp0" timestamp(0), "c_timestamp_bc" timestamp,
  "c_timestamp_inf" timestamp, "c_timestamptz" timestamptz, "c_timestamptz3" timestamptz(3),
  "c_timestamptz0" timestamptz(0), "c_timestamptz_inf" timestamptz, "c_interval" interval);
CREATE TABLE ${S}."shapes" (
  "id" integer PRIMARY KEY,
  "c_bytea" bytea, "c_bit" bit(1), "c_bits" bit(10), "c_varbit" varbit, "c_point" point);
CREATE TABLE ${S}."arrays" (
  "id" integer PRIMARY KEY,
  "c_int4s" integer[], "c_int8s" bigint[], "c_texts" text[], "c_varchars" varchar(10)[], "c_numerics" numeric(6,2)[],
  "c_bools" boolean[], "c_uuids" uuid[], "c_float8s" double precision[], "c_dates" date[],
  "c_timestamps" timestamp[], "c_timestamptzs" timestamptz[], "c_moods" ${S}."mood"[]);
CREATE TABLE ${S}."user_types" ("id" integer PRIMARY KEY, "c_mood" ${S}."mood", "c_positive" ${S}."positive_int", "c_hstore" hstore);
CREATE TABLE ${S}."toasty" ("id" integer PRIMARY KEY, "counter" integer, "c_text" text, "c_bytea" bytea, "c_jsonb" jsonb, "c_texts" text[]);
ALTER TABLE ${S}."toasty" ALTER COLUMN "c_text" SET STORAGE EXTERNAL;
CREATE TABLE ${S}."toasty_full" (LIKE ${S}."toasty" INCLUDING ALL);
ALTER TABLE ${S}."toasty_full" REPLICA IDENTITY FULL;
CREATE TABLE ${S}."defaults" (
  "id" integer PRIMARY KEY, "label" text NOT NULL, "amount" bigint NOT NULL, "tags" text[] NOT NULL DEFAULT '{}',
  "qty" integer NOT NULL DEFAULT 7, "price" numeric(10,2) NOT NULL DEFAULT 5, "active" boolean NOT NULL DEFAULT true,
  "note" text DEFAULT 'none');
CREATE TABLE ${S}."users" ("id" integer PRIMARY KEY, "name" text NOT NULL, "email" text);
CREATE TABLE ${S}."markers" ("id" integer PRIMARY KEY, "label" text NOT NULL);
`;

/** The label of the row written last: once both pipelines have it, they have everything. */
export const END_MARKER = 'end';

const LONG_TEXT = (n: number) => `(SELECT string_agg(md5(i::text), '') FROM generate_series(1, ${n}) AS i)`;
const TOAST_VALUES = `${LONG_TEXT(200)}, decode(${LONG_TEXT(200)}, 'hex'), jsonb_build_object('blob', ${LONG_TEXT(200)}),
  ARRAY(SELECT md5(i::text) FROM generate_series(1, 200) AS i)`;

/** Each entry runs as one transaction, in order. */
export const WORKLOAD_TRANSACTIONS: readonly string[] = [
  `INSERT INTO ${S}."users" VALUES (1, 'Douglas', NULL)`,
  `UPDATE ${S}."users" SET "name" = 'Douglas (Expert)' WHERE "id" = 1`,
  `DELETE FROM ${S}."users" WHERE "id" = 1`,
  `INSERT INTO ${S}."users" VALUES (2, 'Ada', 'ada@example.com'), (3, 'Grace', NULL)`,
  `INSERT INTO ${S}."numbers" VALUES
    (1, -32768, 2147483647, 9007199254740993, 4000000000, 12.50, 3.14159265358979323846264338327950288, 'NaN',
     3.3, 4.44, 'NaN', '-Infinity', true, 1234.11),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO ${S}."texts" VALUES
    (1, E'line one\\nline "two" \\\\ ✓', 'varchar', 'ab', 'x', 'a_name',
     'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"b": 1,  "a": [true, null]}', '{"b": 1,  "a": [true, null]}', '<a>x</a>', 'MiXeD',
     '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', '[1,10)', '[2024-01-01 00:00:00+00,2024-01-02 00:00:00+00)'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO ${S}."times" VALUES
    (1, '2024-02-29', 'infinity', '13:51:30.123456', '13:51:30.123', '13:51:30.1+02:00',
     '2024-02-29 13:51:30.123456', '2024-02-29 13:51:30.123', '2024-02-29 13:51:30', '0044-03-15 12:00:00 BC', '-infinity',
     '2024-02-29 13:51:30.120000+00', '2024-02-29 13:51:30.5+00', '2024-02-29 13:51:30+00', 'infinity',
     '1 year 2 months 3 days 04:05:06.78'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO ${S}."shapes" VALUES (1, '\\x00010203feff', B'1', B'1000000001', B'101', '(1.5,-2)'), (2, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO ${S}."arrays" VALUES
    (1, '{1,2,NULL}', '{9007199254740993,-1}', '{"plain","with space","with \\"quote\\"","NULL",NULL,""}',
     '{abc,"d,e"}', '{1.5,2.25}', '{t,f}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{1.5,NaN,-Infinity}',
     '{2024-02-29,1970-01-01}', '{"2024-02-29 13:51:30.123456"}', '{"2024-02-29 13:51:30+00"}', '{sad,happy}'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO ${S}."user_types" VALUES (1, 'happy', 42, 'a=>1, "b c"=>NULL, "q\\"uote"=>"x"'), (2, NULL, NULL, NULL)`,
  `INSERT INTO ${S}."toasty" VALUES (1, 1, ${TOAST_VALUES}); INSERT INTO ${S}."toasty_full" VALUES (1, 1, ${TOAST_VALUES})`,
  // Only the counter changes: the big values stay in their TOAST tables and are not sent again.
  `UPDATE ${S}."toasty" SET "counter" = 2 WHERE "id" = 1`,
  `UPDATE ${S}."toasty_full" SET "counter" = 2 WHERE "id" = 1`,
  // A key change: a delete of the old key, its tombstone, a create of the new one.
  `UPDATE ${S}."toasty" SET "id" = 10 WHERE "id" = 1`,
  `DELETE FROM ${S}."toasty" WHERE "id" = 10`,
  `DELETE FROM ${S}."toasty_full" WHERE "id" = 1`,
  `INSERT INTO ${S}."defaults" ("id", "label", "amount", "note") VALUES (1, 'first', 42, NULL)`,
  `DELETE FROM ${S}."defaults" WHERE "id" = 1`,
  // The table changes shape while both stream.
  `ALTER TABLE ${S}."users" ADD COLUMN "nickname" text DEFAULT 'x'; INSERT INTO ${S}."users" ("id", "name", "nickname") VALUES (4, 'Barbara', 'after alter')`,
  `TRUNCATE ${S}."numbers", ${S}."texts"`,
  `INSERT INTO ${S}."markers" VALUES (1, '${END_MARKER}')`,
];

/** The tables the workload writes, as `schema.table`: what both pipelines capture. */
export const WORKLOAD_TABLES = ['numbers', 'texts', 'times', 'shapes', 'arrays', 'user_types', 'toasty', 'toasty_full', 'defaults', 'users', 'markers']
  .map((table) => `${WORKLOAD_SCHEMA}.${table}`);
