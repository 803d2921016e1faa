import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#keys-topics-and-tombstones';

/** One topic per table, named <prefix>.<schema>.<table>, whatever the schema. */
export const topics: Stage = {
  slug: 'topics',
  title: 'each table gets its own topic, <prefix>.<schema>.<table>, for tables of any schema',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await createUsers(ctx.db);
    await ctx.db.query('CREATE SCHEMA shop');
    await ctx.db.query('CREATE TABLE shop.orders (order_no integer, line integer, item text, PRIMARY KEY (order_no, line))');
    await commit(ctx.db, [insertUser(1, 'Douglas'), "INSERT INTO shop.orders VALUES (7, 1, 'towel')"]);

    const users = await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 1, { what: 'the insert into public.users' });
    const orders = await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'shop', 'orders'), 1, {
      what: 'the insert into shop.orders in its own topic',
      hint: 'the topic is <CDC_TOPIC_PREFIX>.<schema>.<table>: the schema is part of the name',
    });
    check(users.length === 1 && orders.length === 1 && orders[0]!.key === '{"order_no":7,"line":1}' && orders[0]!.event?.source.schema === 'shop', {
      expected: 'one record in each topic; the order\'s key {"order_no":7,"line":1} (both key columns, in key order) and source.schema shop',
      got: `${users.length} and ${orders.length} record(s); order key ${orders[0]?.key ?? 'null'}, source.schema ${String(orders[0]?.event?.source.schema)}`,
      docs: DOCS,
    });
    const all = await ctx.kafka().topics();
    const expected = [topicOf(ctx.names.topicPrefix, 'public', 'users'), topicOf(ctx.names.topicPrefix, 'shop', 'orders')].sort();
    check(JSON.stringify(all) === JSON.stringify(expected), {
      expected: `exactly the topics ${expected.join(', ')} under the prefix`,
      got: all.join(', '),
      docs: DOCS,
    });
  },
};
