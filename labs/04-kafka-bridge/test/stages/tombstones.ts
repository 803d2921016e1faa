import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitUntilRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#keys-topics-and-tombstones';

/**
 * After each delete event, a tombstone: the same key, a null value. A compacted topic keeps
 * the last record per key; the tombstone lets it drop the deleted row's key altogether. An
 * update that changes the primary key is, per key, the end of one row and the start of another:
 * a delete of the old key (with its tombstone) and a create of the new one, each naming the
 * other key in a header.
 */
export const tombstones: Stage = {
  slug: 'tombstones',
  title: 'each delete event is followed by a tombstone: the same key and a null value; a key change is a delete and a create',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await createUsers(ctx.db);
    await commit(ctx.db, [insertUser(1, 'Douglas'), insertUser(2, 'Ada'), insertUser(3, 'Grace')]);
    await commit(ctx.db, ['DELETE FROM "public"."users" WHERE "id" IN (1, 3)']);
    await commit(ctx.db, ['UPDATE "public"."users" SET "id" = 20 WHERE "id" = 2']);
    await commit(ctx.db, [insertUser(4, 'marker')]);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'users');
    const records = await waitUntilRecords(ctx.kafka(), run, topic, (seen) => seen.some((record) => record.key === '{"id":4}'), {
      what: 'the last insert (id 4), after the inserts and deletes',
    });
    const shape = records.map((record) => `${record.event ? record.event.op : 'tombstone'} ${record.key ?? 'null'}`);
    const wanted = ['c {"id":1}', 'c {"id":2}', 'c {"id":3}', 'd {"id":1}', 'tombstone {"id":1}', 'd {"id":3}', 'tombstone {"id":3}', 'd {"id":2}', 'tombstone {"id":2}', 'c {"id":20}', 'c {"id":4}'];
    check(JSON.stringify(shape) === JSON.stringify(wanted), {
      expected: `records ${wanted.join(', ')}`,
      got: describeRecords(records, 20),
      hint: 'a tombstone comes right after its delete, with the same key (and headers) and a null value; inserts and updates get none. An update that changes the key becomes a delete of the old key (and its tombstone) and a create of the new one',
      docs: DOCS,
      transcript: run.transcript(),
    });
    // The key change's three records, each naming the other key.
    const [removed, tombstone, created] = records.slice(7, 10);
    const headersOf = (record: typeof removed) => JSON.stringify(record?.headers ?? {});
    check(headersOf(removed) === '{"__debezium.newkey":"{\\"id\\":20}"}' && headersOf(tombstone) === headersOf(removed) && headersOf(created) === '{"__debezium.oldkey":"{\\"id\\":2}"}', {
      expected: 'the key change\'s delete and its tombstone with header __debezium.newkey = {"id":20}, and its create with header __debezium.oldkey = {"id":2}',
      got: `headers ${headersOf(removed)} on the delete, ${headersOf(tombstone)} on the tombstone, ${headersOf(created)} on the create`,
      hint: 'a key change links its two halves: the delete (and the tombstone after it, which carries the same headers) names the new key, the create names the old one, each as the key\'s JSON',
      docs: DOCS,
      transcript: run.transcript(),
    });
  },
};
