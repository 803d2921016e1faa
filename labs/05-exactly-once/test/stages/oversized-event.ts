import { bulkyText, check, changeEventMentions, checkOversizedReport, commitRecordOf, commitTransaction, confirmsTransaction, createLimitedTopic, describeExit, raiseTopicLimit, SMALL_MESSAGE_LIMIT, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../support/bridge-run.ts';
import { readCommittedTopic } from '../support/topics.ts';
import { confirmedFlushLsn, waitForSlotReleased } from '../support/slot.ts';
import { eventually } from '../support/wait.ts';

const DOCS = 'docs/05-exactly-once.md#an-event-kafka-will-not-take';
const STOP_WITHIN_MS = 15_000;
/** Fits in one event (the insert), not twice in one (the update, with before and after). */
const BODY_BYTES = 40 * 1024;

/**
 * Lab 4's oversized event, in a Kafka transaction: the broker refuses the record, the
 * transaction cannot commit, and no retry will change that. The bridge must stop on its own
 * on a quiet database with an error that says which change and what to do, leave the slot and
 * the offsets topic before it, and deliver the update exactly once after the limit is raised.
 */
export const oversizedEvent: Stage = {
  slug: 'oversized-event',
  title: 'an event larger than the topic accepts stops the bridge at once with the table, key, size, limit and remedies, and nothing committed or confirmed',
  docs: DOCS,
  extension: true,
  timeoutMs: 90_000,
  async run(ctx) {
    await ctx.db.query('CREATE TABLE "public"."docs" ("id" integer PRIMARY KEY, "body" text NOT NULL)');
    await ctx.db.query('ALTER TABLE "public"."docs" REPLICA IDENTITY FULL');
    const topic = `${ctx.names.topicPrefix}.public.docs`;
    await createLimitedTopic(ctx.kafka(), topic);

    const run = await BridgeRun.start(ctx, { args: ['--status-interval', '100'] });
    await ctx.db.query('INSERT INTO "public"."docs" VALUES (1, $1)', [bulkyText(BODY_BYTES)]);
    const inserted = await eventually(async () => (await readCommittedTopic(ctx.kafka(), topic)).length >= 1, 20_000);
    check(inserted, { expected: `the insert of a ${BODY_BYTES / 1024} kB row, which fits, committed to ${topic}`, got: 'nothing within 20 s', docs: DOCS, transcript: run.transcript() });

    const refused = await commitTransaction(ctx.db, async (client) => {
      await client.query('UPDATE "public"."docs" SET "body" = $1 WHERE "id" = 1', [bulkyText(BODY_BYTES)]);
    });
    const exit = await run.process.waitForExit({
      timeoutMs: STOP_WITHIN_MS,
      what: `your program to stop on its own within ${STOP_WITHIN_MS / 1000} s of Kafka refusing the update's event (${SMALL_MESSAGE_LIMIT} bytes allowed), with no further change to wake it`,
      docs: DOCS,
    });
    check(exit.code !== 0 && exit.code !== null, { expected: 'a non-zero exit code: the event was not delivered', got: describeExit(exit), docs: DOCS, transcript: run.transcript() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    checkOversizedReport({ output: run.output(), ...changeEventMentions('public.docs', lineFormats.oversizedKey.pattern), limit: SMALL_MESSAGE_LIMIT, docs: DOCS, transcript: run.transcript() });

    await waitForSlotReleased(ctx.db, ctx.names.slot);
    const confirmed = await confirmedFlushLsn(ctx.db, ctx.names.slot);
    const refusedCommit = await commitRecordOf(ctx.db, refused);
    check(!confirmsTransaction(confirmed, refusedCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${refusedCommit.start.toString()}, where the commit record of the refused transaction ${refused.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the next run would skip the update`,
      hint: 'a Kafka transaction that did not commit confirms nothing',
      docs: DOCS,
    });

    await raiseTopicLimit(ctx.kafka(), topic);
    const again = await BridgeRun.start(ctx, { args: ['--status-interval', '100'], label: 'your program (after max.message.bytes was raised)' });
    let records = await readCommittedTopic(ctx.kafka(), topic);
    await eventually(async () => (records = await readCommittedTopic(ctx.kafka(), topic)).length >= 2, 20_000);
    check(records.length === 2, {
      expected: `2 committed records in ${topic}: the insert, then the update exactly once`,
      got: `${records.length}: ${records.map((record) => record.key).join(', ')}`,
      hint: 'the refused transaction was never committed to Kafka nor confirmed: the slot sends it again, and it is written once',
      docs: DOCS,
    });
    await again.interrupt();
  },
};
