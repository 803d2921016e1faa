import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#truncate';

/** TRUNCATE removes every row without a delete per row: one event of its own, op t, no key, no tombstone. */
export const truncate: Stage = {
  slug: 'truncate',
  title: 'TRUNCATE arrives as one event of its own (op t, null key, no rows), without a tombstone',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await createUsers(ctx.db);
    await commit(ctx.db, [insertUser(1, 'Douglas'), insertUser(2, 'Ada')]);
    await commit(ctx.db, ['TRUNCATE "public"."users"']);
    await commit(ctx.db, [insertUser(3, 'marker')]);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'users');
    const records = await waitForRecords(ctx.kafka(), run, topic, 4, {
      what: 'two inserts, the truncate, and a last insert',
      hint: 'pgoutput sends a Truncate message listing the tables: make one event per table, op t',
    });
    const t = records[2]!;
    check(t.event?.op === 't' && t.key === null && t.event.before === null && t.event.after === null && t.event.source.table === 'users', {
      expected: 'the third record to be the truncate: op t, a null key, before and after null, source.table users',
      got: `${describeRecords(records)}; third record key ${t.key ?? 'null'}, value ${t.value ?? 'null'}`,
      hint: 'a truncate has no rows, so it has no key and no images',
      docs: DOCS,
    });
    check(records[3]!.event?.op === 'c' && records.length === 4, {
      expected: 'the insert after the truncate to come next: a truncate gets no tombstone',
      got: describeRecords(records),
      docs: DOCS,
    });
  },
};
