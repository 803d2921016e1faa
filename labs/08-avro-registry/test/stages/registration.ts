import { check, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';
import { fieldOf, rowRecord } from '../support/registry.ts';

const DOCS = 'docs/08-avro-registry.md#from-a-relation-message-to-a-schema';

/** The Avro type a field should have: the bare type for NOT NULL columns, ["null", type] with default null otherwise. */
const EXPECTED: Record<string, { type: unknown; nullable: boolean }> = {
  id: { type: 'int', nullable: false },
  name: { type: 'string', nullable: false },
  price: { type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 3 }, nullable: true },
  born: { type: { type: 'int', logicalType: 'date' }, nullable: true },
  opens: { type: { type: 'long', logicalType: 'time-micros' }, nullable: true },
  seen: { type: { type: 'long', logicalType: 'timestamp-micros' }, nullable: true },
  token: { type: { type: 'string', logicalType: 'uuid' }, nullable: true },
  total: { type: 'long', nullable: false },
};

/**
 * The schemas the bridge derives and registers: subjects <topic>-key and <topic>-value, the
 * key of the primary key columns, logical types with precision and scale, nullable columns as
 * ["null", T] with default null — once per table shape, not once per record — and the
 * compatibility level asked for with --compatibility.
 */
export const registration: Stage = {
  slug: 'registration',
  title: 'derives key and value schemas from the Relation message and registers them once',
  docs: DOCS,
  timeoutMs: 60_000,
  async run(ctx) {
    const registry = stageRegistry(ctx);
    await ctx.db.query(`CREATE TABLE "items" ("id" integer PRIMARY KEY, "name" text NOT NULL, "price" numeric(9,3), "born" date,
      "opens" time, "seen" timestamptz, "token" uuid, "total" bigint NOT NULL, "tags" text[])`);
    const bridge = await startBridge(ctx, ['--compatibility', 'FULL']);
    const rows = ctx.random.int(3, 6);
    for (let id = 1; id <= rows; id += 1) {
      await ctx.db.query(`INSERT INTO "items" VALUES ($1, $2, $3, '2024-02-29', '07:30', now(), gen_random_uuid(), $4, '{a,b}')`, [id, `item ${id}`, (ctx.random.int(1, 99_999) / 1000).toFixed(3), ctx.random.int(1, 1_000_000)]);
    }
    const topic = topicOf(ctx, 'items');
    await waitForRecords(ctx, bridge, topic, rows, `${rows} inserts, one transaction each`);

    const subjects = await registry.subjects(ctx.names.topicPrefix);
    check(subjects.includes(`${topic}-key`) && subjects.includes(`${topic}-value`), {
      expected: `subjects ${topic}-key and ${topic}-value (TopicNameStrategy)`,
      got: subjects.length > 0 ? subjects.join(', ') : 'no subject under the stage\'s topic prefix',
      hint: 'the key schema goes under <topic>-key, the value schema under <topic>-value',
      docs: 'docs/08-avro-registry.md#subjects-ids-and-versions',
    });
    for (const subject of [`${topic}-key`, `${topic}-value`]) {
      const registrations = bridge.linesMatching((line) => lineFormats.registered.pattern.exec(line)?.[1] === subject);
      check(registrations.length === 1, {
        expected: `one registration of ${subject} for ${rows} changes of one table shape (one line "Schema ${subject} version <v> has id <id>")`,
        got: `${registrations.length}`,
        hint: 'register when a Relation message brings a new shape, and reuse the ids for every change until the next one',
        docs: 'docs/08-avro-registry.md#registering-once-per-relation',
        transcript: bridge.transcript(),
      });
      const versions = await registry.versions(subject);
      check(versions.length === 1, {
        expected: `one version of ${subject}: ${rows} changes of one table shape need one schema`,
        got: `versions ${JSON.stringify(versions)}`,
        hint: 'derive and register a table\'s schemas once per Relation message, and reuse the ids for every change until the next one',
      });
      const level = await registry.compatibility(subject);
      check(level === 'FULL', {
        expected: `${subject} created with the compatibility asked for (--compatibility FULL)`,
        got: String(level),
        hint: 'set the subject\'s level (PUT /config/<subject>) when the bridge creates it',
        docs: 'docs/08-avro-registry.md#compatibility',
      });
    }

    const key = (await registry.version(`${topic}-key`, 'latest')).parsed;
    check(key.type === 'record' && JSON.stringify(key.fields) === JSON.stringify([{ name: 'id', type: 'int' }]), {
      expected: 'a key schema: a record with the primary key column alone, {"name":"id","type":"int"}',
      got: JSON.stringify(key),
    });
    const row = rowRecord((await registry.version(`${topic}-value`, 'latest')).parsed);
    check(row !== undefined, { expected: 'a value schema whose `before` is ["null", <row record>]', got: 'no record in `before`' });
    for (const [column, expected] of Object.entries(EXPECTED)) {
      const field = fieldOf(row, column);
      const want = expected.nullable ? ['null', expected.type] : expected.type;
      const ok = field !== undefined && JSON.stringify(field.type) === JSON.stringify(want) && (!expected.nullable || (Object.hasOwn(field, 'default') && field.default === null));
      check(ok, {
        expected: `field ${column}: ${JSON.stringify(want)}${expected.nullable ? ' with "default": null' : ''}`,
        got: field ? JSON.stringify(field) : 'no such field',
        hint: expected.nullable
          ? 'a nullable column is a union with "null" first and a default of null'
          : 'a NOT NULL column (and every key column) is the bare type, no union',
        docs: 'docs/08-avro-registry.md#postgres-types-in-avro',
      });
    }
    const tags = fieldOf(row, 'tags');
    const branch = Array.isArray(tags?.type) ? tags!.type[1] : tags?.type;
    check(branch === 'string' || branch?.type === 'string', {
      expected: 'field tags (text[], a type without an Avro mapping here): the fallback, a string',
      got: tags ? JSON.stringify(tags) : 'no such field',
      docs: 'docs/08-avro-registry.md#postgres-types-in-avro',
    });
  },
};
