import { check, type Stage } from '@cdc-lab/grading';
import { type Decoded, decodeWith, splitFrame } from '../support/avro-read.ts';
import { startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';
import { fieldOf, rowRecord } from '../support/registry.ts';

/**
 * ALTER TABLE … ADD COLUMN while streaming: the next Relation message brings a new value
 * schema, registered as version 2 (accepted under BACKWARD), and the stream goes on. A
 * consumer that still holds version 1 reads the new records through schema resolution; a
 * NOT NULL column gets its DEFAULT as the Avro default — read from the catalog, since the
 * Relation message does not carry it.
 */
export const addColumn: Stage = {
  slug: 'add-column',
  title: 'registers a new version when a column is added, and old readers still read',
  docs: 'docs/08-avro-registry.md#adding-a-column',
  timeoutMs: 60_000,
  async run(ctx) {
    const registry = stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "users" ("id" integer PRIMARY KEY, "name" text NOT NULL)');
    const bridge = await startBridge(ctx);
    await ctx.db.query(`INSERT INTO "users" VALUES (1, 'Ada')`);
    const topic = topicOf(ctx, 'users');
    await waitForRecords(ctx, bridge, topic, 1, 'the insert before the ALTER TABLE');
    const level = ctx.random.int(2, 9);
    await ctx.db.query(`ALTER TABLE "users" ADD COLUMN "note" text, ADD COLUMN "level" integer NOT NULL DEFAULT ${level}`);
    const note = `hello ${ctx.random.int(100, 999)}`;
    await ctx.db.query(`INSERT INTO "users" ("id", "name", "note") VALUES (2, 'Grace', $1)`, [note]);
    const records = await waitForRecords(ctx, bridge, topic, 2, 'the insert after the ALTER TABLE');

    const subject = `${topic}-value`;
    const versions = await registry.versions(subject);
    check(versions.length === 2, {
      expected: `two versions of ${subject}: one per table shape`,
      got: `versions ${JSON.stringify(versions)}`,
      hint: 'a Relation message after the ALTER TABLE means a new shape: derive the schemas again and register them',
    });
    const v1 = await registry.version(subject, versions[0]!);
    const v2 = await registry.version(subject, versions[1]!);
    const newRow = rowRecord(v2.parsed);
    const levelField = fieldOf(newRow, 'level');
    check(levelField?.type === 'int' && levelField.default === level, {
      expected: `in version 2, field level: "int" with "default": ${level} (NOT NULL DEFAULT ${level})`,
      got: levelField ? JSON.stringify(levelField) : 'no field level',
      hint: 'the Relation message has no defaults: read the column\'s DEFAULT from the catalog. Without an Avro default, BACKWARD refuses the new field',
      docs: 'docs/08-avro-registry.md#not-null-and-defaults',
    });
    const frames = records.map((record) => splitFrame(record.value!));
    check(frames[0]?.id === v1.id && frames[1]?.id === v2.id, {
      expected: `the first record written with version 1 (id ${v1.id}), the second with version 2 (id ${v2.id})`,
      got: `ids ${frames.map((frame) => frame?.id).join(', ')}`,
    });
    const asWritten = decodeWith(frames[1]!.body, v2.parsed);
    check(asWritten.after?.note === note && asWritten.after?.level === level, {
      expected: `the new record, read with its own schema: note ${JSON.stringify(note)}, level ${level}`,
      got: JSON.stringify(asWritten.after),
    });
    let oldReader: Decoded;
    try {
      oldReader = decodeWith(frames[1]!.body, v2.parsed, v1.parsed);
    } catch (error) {
      check(false, { expected: 'a consumer holding version 1 to read the new record (Avro schema resolution)', got: (error as Error).message });
    }
    check(oldReader.after?.name === 'Grace' && !('note' in oldReader.after), {
      expected: 'read with version 1 as the reader\'s schema: name Grace and no note (a field the reader does not know is skipped)',
      got: JSON.stringify(oldReader.after),
    });
    check(!bridge.hasExited, { expected: 'the bridge to keep streaming after the schema change', got: 'it exited', transcript: bridge.transcript() });
  },
};
