import { check, type Stage } from '@cdc-lab/grading';
import { decodeWith, splitFrame } from '../support/avro-read.ts';
import { startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';
import { fieldOf, rowRecord } from '../support/registry.ts';

/**
 * DROP COLUMN and RENAME COLUMN of nullable columns: both pass BACKWARD — a reader skips a
 * field it does not know, and fills a field the data lacks with its default. Which is exactly
 * the catch with a rename: to the new schema, the renamed column in old records is simply
 * missing, and reads as null.
 */
export const dropRename: Stage = {
  slug: 'drop-rename',
  title: 'DROP and RENAME COLUMN register new versions; a renamed column reads as null in old records',
  docs: 'docs/08-avro-registry.md#dropping-and-renaming-a-column',
  extension: true,
  timeoutMs: 60_000,
  async run(ctx) {
    const registry = stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "parts" ("id" integer PRIMARY KEY, "colour" text, "size" text)');
    const bridge = await startBridge(ctx);
    const size = `size-${ctx.random.int(1, 50)}`;
    await ctx.db.query(`INSERT INTO "parts" VALUES (1, 'red', $1)`, [size]);
    const topic = topicOf(ctx, 'parts');
    await waitForRecords(ctx, bridge, topic, 1, 'the first insert');
    await ctx.db.query('ALTER TABLE "parts" DROP COLUMN "colour"');
    await ctx.db.query(`INSERT INTO "parts" VALUES (2, 'large')`);
    await waitForRecords(ctx, bridge, topic, 2, 'the insert after DROP COLUMN');
    await ctx.db.query('ALTER TABLE "parts" RENAME COLUMN "size" TO "dimension"');
    await ctx.db.query(`INSERT INTO "parts" VALUES (3, 'small')`);
    const records = await waitForRecords(ctx, bridge, topic, 3, 'the insert after RENAME COLUMN');

    const subject = `${topic}-value`;
    const versions = await registry.versions(subject);
    check(versions.length === 3, {
      expected: `three versions of ${subject}: the table, after DROP COLUMN, after RENAME COLUMN`,
      got: `versions ${JSON.stringify(versions)}`,
      hint: 'each ALTER TABLE brings a Relation message, and each new shape a new schema',
    });
    const [v1, v2, v3] = await Promise.all(versions.map((version) => registry.version(subject, version)));
    check(fieldOf(rowRecord(v2!.parsed), 'colour') === undefined && fieldOf(rowRecord(v3!.parsed), 'dimension') !== undefined && fieldOf(rowRecord(v3!.parsed), 'size') === undefined, {
      expected: 'version 2 without colour; version 3 with dimension instead of size',
      got: `v2 fields ${rowRecord(v2!.parsed).fields.map((field) => field.name).join(',')}; v3 fields ${rowRecord(v3!.parsed).fields.map((field) => field.name).join(',')}`,
    });
    const frames = records.map((record) => splitFrame(record.value!)!);
    check(frames.map((frame) => frame.id).join() === [v1!.id, v2!.id, v3!.id].join(), {
      expected: `records written with ids ${v1!.id}, ${v2!.id}, ${v3!.id}`,
      got: frames.map((frame) => frame.id).join(', '),
    });
    const firstAsV3 = decodeWith(frames[0]!.body, v1!.parsed, v3!.parsed).after;
    check(firstAsV3?.id === 1 && firstAsV3.dimension === null && !('colour' in firstAsV3), {
      expected: `the first record read with version 3: id 1, dimension null (the data has size ${JSON.stringify(size)}, which version 3 does not know), no colour`,
      got: JSON.stringify(firstAsV3),
      hint: 'a renamed nullable column is, to Avro, one field dropped and another added with default null',
      docs: 'docs/08-avro-registry.md#dropping-and-renaming-a-column',
    });
    check(!bridge.hasExited, { expected: 'the bridge to keep streaming through both changes', got: 'it exited', transcript: bridge.transcript() });
  },
};
