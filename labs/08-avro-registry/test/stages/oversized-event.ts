import { bulkyText, check, changeEventMentions, checkOversizedReport, commitRecordOf, commitTransaction, confirmsTransaction, createLimitedTopic, describeExit, raiseTopicLimit, slotState, SMALL_MESSAGE_LIMIT, waitForSlotReleased, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { recordCount, waitForRecords } from '../support/kafka-records.ts';

const DOCS = 'docs/08-avro-registry.md#an-event-kafka-will-not-take';
const STOP_WITHIN_MS = 15_000;
/** Fits in one record (the insert), not twice in one (the update, with before and after). */
const BODY_BYTES = 40 * 1024;

/**
 * Avro makes events smaller, not small: a row whose update carries it twice (REPLICA IDENTITY
 * FULL) overflows a topic that takes 64 kB. As in lab 4, the bridge stops by itself on a quiet
 * database, says which change, how big, the limit and the remedies, confirms nothing of that
 * transaction, and delivers it once the limit is raised.
 */
export const oversizedEvent: Stage = {
  slug: 'oversized-event',
  title: 'an event larger than the topic accepts stops the bridge at once with the table, key, size, limit and remedies, and nothing confirmed',
  docs: DOCS,
  extension: true,
  timeoutMs: 90_000,
  async run(ctx) {
    stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "docs" ("id" integer PRIMARY KEY, "body" text NOT NULL)');
    await ctx.db.query('ALTER TABLE "docs" REPLICA IDENTITY FULL');
    const topic = topicOf(ctx, 'docs');
    await createLimitedTopic(ctx.kafka(), topic);

    const bridge = await startBridge(ctx, ['--status-interval', '100']);
    await ctx.db.query('INSERT INTO "docs" VALUES (1, $1)', [bulkyText(BODY_BYTES)]);
    await waitForRecords(ctx, bridge, topic, 1, `the insert of a ${BODY_BYTES / 1024} kB row, which fits`);

    const refused = await commitTransaction(ctx.db, async (client) => {
      await client.query('UPDATE "docs" SET "body" = $1 WHERE "id" = 1', [bulkyText(BODY_BYTES)]);
    });
    const exit = await bridge.waitForExit({
      timeoutMs: STOP_WITHIN_MS,
      what: `the bridge to stop on its own within ${STOP_WITHIN_MS / 1000} s of Kafka refusing the update's record (${SMALL_MESSAGE_LIMIT} bytes allowed), with no further change to wake it`,
      docs: DOCS,
    });
    check(exit.code !== 0 && exit.code !== null, { expected: 'a non-zero exit code: the event was not delivered', got: describeExit(exit), docs: DOCS, transcript: bridge.transcript() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    checkOversizedReport({
      output: [...bridge.lines, ...bridge.errorLines].join('\n'),
      ...changeEventMentions('public.docs', lineFormats.oversizedKey.pattern),
      limit: SMALL_MESSAGE_LIMIT,
      docs: DOCS,
      transcript: bridge.transcript(),
    });

    await waitForSlotReleased(ctx.db, { slot: ctx.names.slot, process: bridge, label: 'the bridge', docs: DOCS, drained: async () => {}, transcript: () => bridge.transcript() });
    const confirmed = (await slotState(ctx.db, ctx.names.slot))?.confirmedFlushLsn;
    const refusedCommit = await commitRecordOf(ctx.db, refused);
    check(!confirmsTransaction(confirmed, refusedCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${refusedCommit.start.toString()}, where the commit record of the refused transaction ${refused.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the next run would skip the update, and Kafka would never have it`,
      hint: 'a record Kafka refused is not acknowledged: confirm nothing from its transaction on',
      docs: DOCS,
    });

    await raiseTopicLimit(ctx.kafka(), topic);
    const again = await startBridge(ctx, ['--status-interval', '100']);
    await waitForRecords(ctx, again, topic, 2, 'the update, once the topic accepts it');
    const count = await recordCount(ctx, topic);
    check(count === 2, { expected: `2 records in ${topic}: the insert, then the update once`, got: `${count}` });
    again.signal('SIGINT');
    await again.waitForExit({ timeoutMs: 15_000, what: 'the bridge to stop on Ctrl-C' });
  },
};
