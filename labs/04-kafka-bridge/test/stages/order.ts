import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#ordering';
const ACCOUNTS = 6;
const TRANSACTIONS = 40;
const PARTITIONS = 3;

/**
 * Kafka orders records within a partition only. A consumer that applies changes in order
 * needs every change of a row in one partition, in the order the row changed: the key must
 * pick the partition, and records must reach it in stream order. The topic is made beforehand
 * with three partitions, as an operator would; a random workload updates a few rows many times.
 */
export const order: Stage = {
  slug: 'order',
  title: 'on a topic of three partitions, every change of a row lands in one partition, in the order it happened',
  docs: DOCS,
  async run(ctx) {
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'accounts');
    await ctx.kafka().createTopic(topic, PARTITIONS);
    const run = await BridgeRun.start(ctx);
    await ctx.db.query('CREATE TABLE accounts (id integer PRIMARY KEY, version integer NOT NULL)');
    await commit(ctx.db, [`INSERT INTO accounts SELECT g, 1 FROM generate_series(1, ${ACCOUNTS}) AS g`]);
    let updates = 0;
    for (let transaction = 0; transaction < TRANSACTIONS; transaction += 1) {
      const ids = [...new Set(Array.from({ length: ctx.random.int(1, 3) }, () => ctx.random.int(1, ACCOUNTS)))];
      await commit(ctx.db, ids.map((id) => `UPDATE accounts SET version = version + 1 WHERE id = ${id}`));
      updates += ids.length;
    }
    const records = await waitForRecords(ctx.kafka(), run, topic, ACCOUNTS + updates, { what: `the ${ACCOUNTS} inserts and ${updates} updates` });

    const byKey = new Map<string, { partitions: Set<number>; versions: number[] }>();
    for (const record of records) {
      const key = record.key ?? 'null';
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { partitions: new Set(), versions: [] }));
      entry.partitions.add(record.partition);
      entry.versions.push(Number(record.event?.after?.version));
    }
    for (const [key, { partitions, versions }] of byKey) {
      check(partitions.size === 1, {
        expected: `every record of key ${key} in one partition`,
        got: `partitions ${[...partitions].sort().join(', ')}`,
        hint: 'let the key choose the partition (the default partitioner hashes the key bytes); never spread one key over partitions',
        docs: DOCS,
      });
      const inOrder = versions.every((version, index) => version === index + 1);
      check(inOrder, {
        expected: `the changes of key ${key} in the order they happened: versions 1, 2, 3, …`,
        got: `versions ${versions.join(', ')} in offset order`,
        hint: 'send batches one after another and keep each batch in stream order; parallel sends can overtake each other',
        docs: DOCS,
      });
    }
  },
};
