import { check, type Stage } from '@cdc-lab/grading';
import { listensOn } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#schema-changes-while-streaming';

/**
 * ALTER TABLE while the bridge streams: pgoutput sends a new Relation message before the first
 * change in the new shape, and the events follow it — with no restart.
 */
export const schemaChange: Stage = {
  slug: 'schema-change',
  extension: true,
  title: 'ADD COLUMN and DROP COLUMN while streaming change the events that follow, without a restart',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await ctx.db.query('CREATE TABLE items (id integer PRIMARY KEY, name text)');
    await commit(ctx.db, ["INSERT INTO items VALUES (1, 'pen')"]);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'items');
    await waitForRecords(ctx.kafka(), run, topic, 1, { what: 'the first insert' });

    await ctx.db.query('ALTER TABLE items ADD COLUMN price numeric(8,2) DEFAULT 0');
    await commit(ctx.db, ["INSERT INTO items VALUES (2, 'ink', 9.99)"]);
    await ctx.db.query('ALTER TABLE items DROP COLUMN name');
    await commit(ctx.db, ['INSERT INTO items VALUES (3, 1.50)', 'UPDATE items SET price = 2.00 WHERE id = 1']);
    const records = await waitForRecords(ctx.kafka(), run, topic, 4, {
      what: 'the events after ADD COLUMN and after DROP COLUMN',
      hint: 'a Relation message mid-stream replaces the table\'s shape: decode later changes with the new one (and read keys and defaults again)',
    });
    const afters = records.map((record) => JSON.stringify(record.event?.after ?? null));
    const wanted = ['{"id":1,"name":"pen"}', '{"id":2,"name":"ink","price":"9.99"}', '{"id":3,"price":"1.50"}', '{"id":1,"price":"2.00"}'];
    check(JSON.stringify(afters) === JSON.stringify(wanted), {
      expected: `after images ${wanted.join(', ')}`,
      got: `${afters.join(', ')} (${describeRecords(records)})`,
      hint: 'each change is shaped by the latest Relation message for its table',
      docs: DOCS,
      transcript: run.transcript(),
    });
    const listening = run.process.linesMatching((line) => listensOn(line, run.slot)).length;
    check(!run.process.hasExited && listening === 1, {
      expected: 'the same bridge process all along, still running',
      got: run.process.hasExited ? 'it exited' : `"Listening" printed ${listening} times`,
      docs: DOCS,
      transcript: run.transcript(),
    });
  },
};
