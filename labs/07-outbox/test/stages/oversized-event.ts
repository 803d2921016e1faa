import crypto from 'node:crypto';
import { bulkyText, check, checkOversizedReport, commitRecordOf, commitTransaction, confirmsTransaction, createLimitedTopic, describeExit, raiseTopicLimit, SMALL_MESSAGE_LIMIT, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { slotState, topicOf, waitForSlotReleased } from '../observe.ts';
import { Relay } from '../roles.ts';

const DOCS = 'docs/07-outbox.md#an-event-kafka-will-not-take';
const STOP_WITHIN_MS = 15_000;

/**
 * An outbox event whose payload is larger than its topic accepts, on a database that then stays
 * quiet. The relay must stop on its own with an error that names the event, its size, the limit
 * and the ways out; confirm nothing of its transaction; and relay it once the limit is raised.
 */
export const oversizedEvent: Stage = {
  slug: 'oversized-event',
  title: 'an event larger than its topic accepts stops the relay at once with the event, size, limit and remedies, and nothing confirmed',
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    const topic = topicOf(ctx, 'document');
    await createLimitedTopic(ctx.kafka(), topic);
    const relay = await Relay.start(ctx, 'table');

    const small = crypto.randomUUID();
    await insertEvent(ctx.db, small, 8);
    await relay.waitForRelayed([small]);

    const big = crypto.randomUUID();
    const refused = await commitTransaction(ctx.db, (client) => insertEvent(client, big, 2 * SMALL_MESSAGE_LIMIT));
    const exit = await relay.run.process.waitForExit({
      timeoutMs: STOP_WITHIN_MS,
      what: `the relay to stop on its own within ${STOP_WITHIN_MS / 1000} s of Kafka refusing event ${big} (${SMALL_MESSAGE_LIMIT} bytes allowed), with no further change to wake it`,
      docs: DOCS,
    });
    check(exit.code !== 0 && exit.code !== null, { expected: 'a non-zero exit code: the event was not relayed', got: describeExit(exit), docs: DOCS, transcript: relay.run.transcript() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    checkOversizedReport({
      output: [...relay.run.process.lines, ...relay.run.process.errorLines].join('\n'),
      names: [{ what: `the event id (${big})`, pattern: new RegExp(big) }],
      remedies: [{ what: 'keeping the payload small (a reference to the document instead of the document)', pattern: lineFormats.claimCheck.pattern }],
      limit: SMALL_MESSAGE_LIMIT,
      docs: DOCS,
      transcript: relay.run.transcript(),
    });

    await waitForSlotReleased(ctx.db, relay.run, ctx.names.slot);
    const confirmed = (await slotState(ctx.db, ctx.names.slot))?.confirmed;
    const refusedCommit = await commitRecordOf(ctx.db, refused);
    check(!confirmsTransaction(confirmed, refusedCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${refusedCommit.start.toString()}, where the commit record of the refused event's transaction ${refused.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the next run would skip the event, and it would be lost`,
      hint: 'an event Kafka refused is not acknowledged: do not confirm its transaction',
      docs: DOCS,
    });

    await raiseTopicLimit(ctx.kafka(), topic);
    const again = await Relay.start(ctx, 'table', { label: 'the relay (after max.message.bytes was raised)' });
    await again.waitForRelayed([big], { hint: 'the refused event\'s transaction was never confirmed: the slot sends it again' });
    again.run.process.signal('SIGINT');
    await again.run.process.waitForExit({ timeoutMs: 15_000, what: 'the relay to stop on Ctrl-C' });
  },
};

/** An outbox event of aggregate type "document" whose payload holds `bytes` of text. */
async function insertEvent(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, id: string, bytes: number): Promise<void> {
  await db.query(
    'INSERT INTO "shop"."outbox" ("id", "aggregatetype", "aggregateid", "type", "payload") VALUES ($1, $2, $3, $4, $5::jsonb)',
    [id, 'document', '7', 'DocumentSaved', JSON.stringify({ text: bulkyText(bytes) })]);
}
