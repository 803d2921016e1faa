import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#one-topic-per-table-or-one-for-all';

/**
 * --single-topic puts every table's events in one topic, in commit order, with the table in the
 * key so that two tables' rows with the same primary key stay two keys. --tables limits the
 * publication to the tables named.
 */
export const singleTopic: Stage = {
  slug: 'single-topic',
  title: '--single-topic puts the tables named with --tables into one topic, in commit order, keys naming their table',
  docs: DOCS,
  async run(ctx) {
    await createUsers(ctx.db);
    await ctx.db.query('CREATE SCHEMA shop');
    await ctx.db.query('CREATE TABLE shop.orders (id integer PRIMARY KEY, item text)');
    await ctx.db.query('CREATE TABLE audit (id integer PRIMARY KEY, note text)');
    const all = `${ctx.names.topicPrefix}.all`;
    const run = await BridgeRun.start(ctx, { args: ['--single-topic', all, '--tables', 'users,shop.orders'] });
    await commit(ctx.db, [insertUser(1, 'Douglas'), "INSERT INTO shop.orders VALUES (1, 'towel')", "INSERT INTO audit VALUES (1, 'not published')"]);
    await commit(ctx.db, ["UPDATE users SET name = 'Ada' WHERE id = 1", "INSERT INTO audit VALUES (2, 'not published')"]);
    await commit(ctx.db, ["INSERT INTO shop.orders VALUES (2, 'guide')"]);

    const records = await waitForRecords(ctx.kafka(), run, all, 4, {
      what: 'the changes of users and shop.orders in the one topic',
      hint: 'with --single-topic, every event goes to that topic instead of <prefix>.<schema>.<table>',
    });
    const usersTopic = topicOf(ctx.names.topicPrefix, 'public', 'users');
    const ordersTopic = topicOf(ctx.names.topicPrefix, 'shop', 'orders');
    const seen = records.map((record) => `${record.event?.op ?? 'tombstone'} ${String(record.event?.source.table)} ${record.key ?? 'null'}`);
    const wanted = [
      `c users {"id":1,"__dbz__physicalTableIdentifier":"${usersTopic}"}`,
      `c orders {"id":1,"__dbz__physicalTableIdentifier":"${ordersTopic}"}`,
      `u users {"id":1,"__dbz__physicalTableIdentifier":"${usersTopic}"}`,
      `c orders {"id":2,"__dbz__physicalTableIdentifier":"${ordersTopic}"}`,
    ];
    check(JSON.stringify(seen) === JSON.stringify(wanted), {
      expected: `in commit order: ${wanted.join('; ')}`,
      got: seen.join('; ') || describeRecords(records),
      hint: 'in a shared topic {"id":1} of users and {"id":1} of orders would be one key; add __dbz__physicalTableIdentifier (the table\'s own topic name) to the key, as Debezium\'s topic router does; and audit is not in the publication',
      docs: DOCS,
    });
    const published = await ctx.db.query<{ name: string }>("SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1", [ctx.names.publication]);
    const names = published.rows.map((row) => row.name);
    check(JSON.stringify(names) === JSON.stringify(['public.users', 'shop.orders']), {
      expected: `publication ${ctx.names.publication} to publish public.users and shop.orders only (--tables)`,
      got: names.join(', ') || 'nothing',
      hint: 'create the publication FOR TABLE with the tables named, not FOR ALL TABLES',
      docs: 'docs/04-kafka-bridge.md#publication-and-slot',
    });
    const topics = await ctx.kafka().topics();
    check(JSON.stringify(topics) === JSON.stringify([all]), { expected: `only the topic ${all}`, got: topics.join(', '), docs: DOCS });
  },
};
