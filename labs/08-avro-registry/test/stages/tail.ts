import { check, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { runCommand, startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';

/**
 * `tail` decodes through the registry (header → id → schema → body) and prints lab 4's lines:
 * key=<key as JSON> <op, ts_ms, before, after, source>, a tombstone as `null`.
 */
export const tail: Stage = {
  slug: 'tail',
  title: 'tail decodes records through the registry and prints them like lab 4',
  docs: 'docs/08-avro-registry.md#tail-reading-through-the-registry',
  timeoutMs: 60_000,
  async run(ctx) {
    stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "notes" ("id" integer PRIMARY KEY, "body" text NOT NULL, "due" date)');
    const bridge = await startBridge(ctx);
    const body = `note ${ctx.random.int(1000, 9999)}`;
    await ctx.db.query(`INSERT INTO "notes" VALUES (7, $1, '2024-02-29')`, [body]);
    await ctx.db.query('UPDATE "notes" SET "body" = "body" || \'!\' WHERE "id" = 7');
    await ctx.db.query('DELETE FROM "notes" WHERE "id" = 7');
    const topic = topicOf(ctx, 'notes');
    await waitForRecords(ctx, bridge, topic, 4, 'an insert, an update, a delete and a tombstone');

    const lines = (await runCommand(ctx, ['tail', topic, '--from-beginning', '--max-messages', '4'], 'tail --from-beginning --max-messages 4'))
      .filter((line) => line.startsWith('key='));
    const parsed = lines.map((line) => lineFormats.tailRecord.pattern.exec(line)).map((match) => match && { key: match[1]!, value: match[2]! });
    check(parsed.length === 4 && parsed.every(Boolean), {
      expected: 'four lines key=<key> <value>',
      got: lines.length > 0 ? lines.join('\n') : 'none',
      hint: 'print each record as lab 4\'s tail does, after decoding key and value through the registry',
    });
    const events = parsed.map((line) => (line!.value === 'null' ? null : JSON.parse(line!.value)));
    check(parsed.every((line) => line!.key === '{"id":7}'), { expected: 'every key decoded to {"id":7}', got: parsed.map((line) => line!.key).join(', ') });
    check(events[0]?.op === 'c' && events[0]?.after?.body === body && events[0]?.after?.due === 19782, {
      expected: `the insert: op c, after.body ${JSON.stringify(body)}, after.due 19782 (2024-02-29 as days since 1970)`,
      got: JSON.stringify(events[0]),
    });
    check(events[1]?.op === 'u' && events[1]?.after?.body === `${body}!`, { expected: `the update: op u, after.body ${JSON.stringify(`${body}!`)}`, got: JSON.stringify(events[1]) });
    check(events[2]?.op === 'd' && events[2]?.before?.id === 7 && events[3] === null, {
      expected: 'the delete (op d, before.id 7), then the tombstone printed as null',
      got: `${JSON.stringify(events[2])} / ${JSON.stringify(events[3])}`,
    });
  },
};
