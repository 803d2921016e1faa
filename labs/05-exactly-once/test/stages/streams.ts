import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce, readCommitted } from '../support/exactly-once.ts';
import { endOffset } from '../support/topics.ts';
import { TABLES, Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#one-kafka-transaction';

/**
 * The basic promise: each committed change once, in commit order per key, for a consumer that
 * reads with read_committed — and written by Kafka transactions. Each commit leaves a marker
 * in every partition it wrote to, and a marker takes an offset: a topic written
 * transactionally ends past its last record, one written without transactions at it.
 */
export const streams: Stage = {
  slug: 'streams',
  title: 'each committed change reaches Kafka once, written by Kafka transactions',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx);
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const client = await ctx.db.connect();
    try {
      for (const size of [1, 4, 12, 1, 60, 2]) await workload.commit(client, workload.plan(ctx.random, size));
    } finally {
      await client.end();
    }
    const kafka = ctx.kafka();
    await expectExactlyOnce(kafka, workload, {
      topicPrefix: ctx.names.topicPrefix,
      timeoutMs: 20_000,
      what: `topics ${TABLES.map((table) => `${ctx.names.topicPrefix}.public.${table}`).join(' and ')}`,
      hint: 'write each batch of events in a Kafka transaction (producer.transaction(), send, commit) and confirm to Postgres only after the commit',
      docs: DOCS,
      transcript: () => run.transcript(),
    });

    const records = await readCommitted(kafka, ctx.names.topicPrefix);
    for (const table of TABLES) {
      const topic = `${ctx.names.topicPrefix}.public.${table}`;
      const count = BigInt(records.filter((record) => record.topic === topic).length);
      const end = await endOffset(kafka, topic);
      check(end > count, {
        expected: `the records of ${topic} to be written by Kafka transactions: each commit leaves a marker that takes an offset, so the topic should end past its ${count} records`,
        got: `the topic ends at offset ${end}: no commit markers — the records were produced outside any transaction`,
        hint: 'create the producer with CDC_TRANSACTIONAL_ID as its transactionalId and send every batch inside producer.transaction() … commit()',
        docs: DOCS,
        transcript: run.transcript(),
      });
    }
  },
};
