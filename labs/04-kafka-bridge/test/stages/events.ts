import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords, type GradedRecord } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#from-pgoutput-to-a-change-event';

/**
 * The basic promise: every committed change of a table becomes a change event in
 * <prefix>.<schema>.<table>, in commit order, keyed by the primary key, shaped as Debezium
 * shapes it — op, before, after, the source block and the processing time.
 */
export const events: Stage = {
  slug: 'events',
  title: 'an insert, an update and a delete arrive in order as c, u and d events keyed by the primary key',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await createUsers(ctx.db);
    const inserted = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    const updated = await commit(ctx.db, [`UPDATE "public"."users" SET "name" = 'Douglas (Expert)' WHERE "id" = 1`]);
    const deleted = await commit(ctx.db, [`DELETE FROM "public"."users" WHERE "id" = 1`]);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'users');
    const records = await waitForRecords(ctx.kafka(), run, topic, 3, {
      what: 'the insert, the update and the delete as change events',
      hint: 'decode each pgoutput change, shape it with the ChangeEventBuilder, and produce it to <prefix>.<schema>.<table>',
    });
    const [c, u, d] = records as [GradedRecord, GradedRecord, GradedRecord];
    const seen = describeRecords(records);
    const expectEvent = (record: GradedRecord, op: string, before: unknown, after: unknown, xid: number) => {
      check(record.key === '{"id":1}', {
        expected: `the ${op} event's key to be the primary key as JSON, {"id":1}`,
        got: `key ${record.key ?? 'null'}`,
        hint: 'the key is an object of the primary key columns, written as JSON without spaces',
        docs: 'docs/04-kafka-bridge.md#keys-topics-and-tombstones',
      });
      check(record.event !== null && record.event.op === op, {
        expected: `records in commit order: c, u, d (this one ${op})`,
        got: seen,
        hint: 'produce the events of each transaction in the order they arrive, one partition per key',
        docs: DOCS,
      });
      const event = record.event!;
      check(JSON.stringify(event.before) === JSON.stringify(before) && JSON.stringify(event.after) === JSON.stringify(after), {
        expected: `the ${op} event to have before ${JSON.stringify(before)} and after ${JSON.stringify(after)}`,
        got: `before ${JSON.stringify(event.before)}, after ${JSON.stringify(event.after)}`,
        hint: op === 'd'
          ? 'under REPLICA IDENTITY DEFAULT a delete carries only the key; Debezium fills NOT NULL columns with their zero ("") and leaves the others null'
          : 'under REPLICA IDENTITY DEFAULT an update has no old row: before is null',
        docs: DOCS,
      });
      const source = event.source;
      const wanted = { version: '3.0.8.Final', connector: 'postgresql', name: ctx.names.topicPrefix, snapshot: 'false', db: ctx.db.name, schema: 'public', table: 'users', txId: xid };
      const wrong = Object.entries(wanted).filter(([field, value]) => source?.[field] !== value);
      check(wrong.length === 0 && typeof source.lsn === 'number' && typeof source.ts_ms === 'number' && typeof event.ts_ms === 'number' && event.transaction === null, {
        expected: `the ${op} event's source block to say ${JSON.stringify(wanted)}, with numbers for lsn and ts_ms, and transaction null`,
        got: `source ${JSON.stringify(source)}, ts_ms ${String(event.ts_ms)}, transaction ${JSON.stringify(event.transaction)}`,
        hint: 'source.name is CDC_TOPIC_PREFIX, db the database the slot decodes, txId the xid from the Begin message',
        docs: DOCS,
      });
    };
    expectEvent(c, 'c', null, { id: 1, name: 'Douglas', email: null }, inserted.xid);
    expectEvent(u, 'u', null, { id: 1, name: 'Douglas (Expert)', email: null }, updated.xid);
    expectEvent(d, 'd', { id: 1, name: '', email: null }, null, deleted.xid);
    check(Number(c.event!.source.lsn) < Number(u.event!.source.lsn) && Number(u.event!.source.lsn) < Number(d.event!.source.lsn), {
      expected: 'source.lsn to grow from one change to the next',
      got: `${String(c.event!.source.lsn)}, ${String(u.event!.source.lsn)}, ${String(d.event!.source.lsn)}`,
      docs: DOCS,
    });
  },
};
