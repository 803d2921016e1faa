import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, readRecords, topicOf, waitForRecords, waitUntilRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#errors';

/**
 * What operators do to a running bridge. A captured table dropped and made again: a
 * publication FOR ALL TABLES includes the new table by itself, and the bridge, which learns
 * tables from Relation messages, must stream it. A topic deleted: the next event must still
 * reach Kafka (in the topic made again), not wait for ever. And a table named with --tables
 * that does not exist is refused at start, with no slot made.
 */
export const droppedUnderTheBridge: Stage = {
  slug: 'dropped-under-the-bridge',
  extension: true,
  title: 'a table dropped and made again, and a topic deleted, under a running bridge: it streams on; an unknown --tables name is refused',
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    const unknown = BridgeRun.launch(ctx, { args: ['--tables', 'public.no_such_table'], label: 'your bridge (--tables public.no_such_table)' });
    const exit = await unknown.finished('the bridge to refuse a table that does not exist');
    const said = unknown.output();
    check(exit.code !== 0 && said.includes('no_such_table'), {
      expected: 'a non-zero exit and an error naming public.no_such_table',
      got: describeExit(exit),
      hint: 'check the --tables names against the catalog before making the publication and the slot',
      docs: DOCS,
      transcript: unknown.transcript(),
    });
    const slots = await ctx.db.slots();
    check(slots.length === 0, { expected: 'no slot made for a publication that could not be made', got: slots.map((slot) => slot.slot_name).join(', '), docs: DOCS });

    await createUsers(ctx.db);
    await ctx.db.query('CREATE TABLE "public"."notes" ("id" integer PRIMARY KEY, "body" text)');
    const run = await BridgeRun.start(ctx);
    const users = topicOf(ctx.names.topicPrefix, 'public', 'users');
    const notes = topicOf(ctx.names.topicPrefix, 'public', 'notes');
    await commit(ctx.db, [insertUser(1, 'Ada'), 'INSERT INTO "public"."notes" VALUES (1, \'first\')']);
    await waitForRecords(ctx.kafka(), run, notes, 1, { what: 'the first note' });

    await ctx.db.query('DROP TABLE "public"."notes"');
    await ctx.db.query('CREATE TABLE "public"."notes" ("id" integer PRIMARY KEY, "body" text, "author" text)');
    await commit(ctx.db, ['INSERT INTO "public"."notes" VALUES (2, \'second\', \'Ada\')']);
    const noted = await waitUntilRecords(ctx.kafka(), run, notes, (seen) => seen.some((record) => record.key === '{"id":2}'), {
      what: 'the insert into the notes table made again after DROP TABLE',
      hint: 'a table made again is a new relation (a new OID): its Relation message comes before its first change, and keys and topics follow from it',
    });
    const second = noted.find((record) => record.key === '{"id":2}');
    check(second?.event?.after?.author === 'Ada', { expected: 'the new table\'s column author in the event', got: describeRecords(noted), docs: DOCS });

    await ctx.kafka().adminClient().then((admin) => admin.deleteTopics({ topics: [users], timeout: 10_000 }));
    await commit(ctx.db, [insertUser(2, 'Grace')]);
    const after = await waitUntilRecords(ctx.kafka(), run, users, (seen) => seen.some((record) => record.key === '{"id":2}'), {
      what: 'the insert made after its topic was deleted, in the topic made again',
      hint: 'a topic deleted under the bridge must not stop it: make it again (or let the broker do it) and go on',
      timeoutMs: 45_000,
    });
    check(after.filter((record) => record.key === '{"id":2}').length === 1, { expected: 'Grace once', got: describeRecords(after), docs: DOCS });
    check(!run.process.hasExited, { expected: 'the bridge still running', got: 'it exited', docs: DOCS, transcript: run.transcript() });
    await readRecords(ctx.kafka(), users);
    await run.interrupt();
  },
};
