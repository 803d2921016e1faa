import { bulkyText, check, changeEventMentions, checkOversizedReport, commitRecordOf, confirmsTransaction, createLimitedTopic, describeExit, raiseTopicLimit, SMALL_MESSAGE_LIMIT, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords, waitUntilRecords } from '../grading/kafka-watch.ts';
import { slotState, waitForSlotReleased } from '../grading/slot-watch.ts';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#an-event-kafka-will-not-take';
/** Seconds, not minutes: no retry makes a too-large record fit, and nothing else will happen. */
const STOP_WITHIN_MS = 15_000;
/** Fits in one event (the insert), not twice in one (the update, with before and after). */
const BODY_BYTES = 40 * 1024;

/**
 * A row whose update event is larger than the topic accepts (REPLICA IDENTITY FULL puts the
 * whole row in twice), on a database that then stays quiet. The bridge must stop on its own,
 * promptly, with an error that says what and how to fix it; confirm nothing of that
 * transaction; and, once the limit is raised, deliver the event on the next run.
 */
export const oversizedEvent: Stage = {
  slug: 'oversized-event',
  title: 'an event larger than the topic accepts stops the bridge at once with the table, key, size, limit and remedies, and nothing confirmed',
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    await ctx.db.query('CREATE TABLE "public"."docs" ("id" integer PRIMARY KEY, "body" text NOT NULL)');
    await ctx.db.query('ALTER TABLE "public"."docs" REPLICA IDENTITY FULL');
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'docs');
    await createLimitedTopic(ctx.kafka(), topic);

    const run = await BridgeRun.start(ctx, { args: ['--status-interval', '100'] });
    await commit(ctx.db, [{ sql: 'INSERT INTO "public"."docs" VALUES (1, $1)', params: [bulkyText(BODY_BYTES)] }]);
    await waitForRecords(ctx.kafka(), run, topic, 1, { what: `the insert of a ${BODY_BYTES / 1024} kB row, which fits` });

    const refused = await commit(ctx.db, [{ sql: 'UPDATE "public"."docs" SET "body" = $1 WHERE "id" = 1', params: [bulkyText(BODY_BYTES)] }]);
    const exit = await run.finished(`your bridge to stop on its own within ${STOP_WITHIN_MS / 1000} s of Kafka refusing the update's event (${SMALL_MESSAGE_LIMIT} bytes allowed), with no further change to wake it`, STOP_WITHIN_MS);
    check(exit.code !== 0 && exit.code !== null, {
      expected: 'a non-zero exit code: the event was not delivered',
      got: describeExit(exit),
      docs: DOCS,
      transcript: run.transcript(),
    });
    checkOversizedReport({ output: run.output(), ...changeEventMentions('public.docs', lineFormats.oversizedKey.pattern), limit: SMALL_MESSAGE_LIMIT, docs: DOCS, transcript: run.transcript() });

    await waitForSlotReleased(ctx.db, run);
    const confirmed = (await slotState(ctx.db, run.slot))?.confirmedFlushLsn;
    const refusedCommit = await commitRecordOf(ctx.db, refused);
    check(!confirmsTransaction(confirmed, refusedCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${refusedCommit.start.toString()}, where the commit record of the refused transaction ${refused.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the next run would skip the update, and Kafka would never have it`,
      hint: 'an event Kafka refused is not acknowledged: confirm nothing from its transaction on',
      docs: DOCS,
    });

    await raiseTopicLimit(ctx.kafka(), topic);
    const again = await BridgeRun.start(ctx, { args: ['--status-interval', '100'], label: 'your bridge (after max.message.bytes was raised)' });
    const records = await waitUntilRecords(ctx.kafka(), again, topic, (seen) => seen.some((record) => record.event?.op === 'u'), {
      what: 'the update event, once the topic accepts it',
      hint: 'the refused transaction was never confirmed, so the slot sends it again: produce it',
    });
    check(records.filter((record) => record.event?.op === 'u').length === 1, {
      expected: 'the update event exactly once',
      got: describeRecords(records),
      docs: DOCS,
    });
    await again.interrupt();
  },
};
