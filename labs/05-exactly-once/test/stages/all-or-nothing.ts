import { Kafka, logLevel } from 'kafkajs';
import { check, type Stage, type TestKafka } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce, readCommitted, recordName } from '../support/exactly-once.ts';
import { offsetsTopic } from '../support/topics.ts';
import { eventually } from '../support/wait.ts';
import { TABLES, Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#one-kafka-transaction';
/** Big enough for a commit marker, too small for a position record. */
const TOO_SMALL_FOR_A_POSITION = 120;

/**
 * The events and the position of a batch are one transaction: when the position cannot be
 * written, the events must not appear either. The grader makes the offsets topic refuse
 * records (max.message.bytes too small for a position, large enough for the markers Kafka
 * itself writes) and commits one more transaction. The bridge's attempt leaves its events in
 * the log — a read_uncommitted consumer sees them — but a read_committed one must not. A
 * bridge that commits the events first and the position afterwards shows them, and writes
 * them again once the position can be written.
 */
export const allOrNothing: Stage = {
  slug: 'all-or-nothing',
  title: 'when the position cannot be written, the events of its transaction stay invisible',
  docs: DOCS,
  async run(ctx) {
    const first = await BridgeRun.start(ctx, { args: ['--status-interval', '200'] });
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const kafka = ctx.kafka();
    const topic = offsetsTopic(ctx.names.topicPrefix);
    const client = await ctx.db.connect();
    try {
      await workload.commit(client, workload.plan(ctx.random, 4));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 20_000, what: 'the first transaction',
        hint: 'write each batch of events in a Kafka transaction and commit it', docs: DOCS, transcript: () => first.transcript(),
      });
      check(await kafka.topicExists(topic), {
        expected: `a topic ${topic} holding the position`,
        got: 'no such topic',
        hint: 'create <CDC_TOPIC_PREFIX>.offsets (compacted) and write the position to it in every transaction',
        docs: 'docs/05-exactly-once.md#the-offsets-topic',
        transcript: first.transcript(),
      });
      const restore = await refusePositions(kafka, topic);

      const before = new Map(workload.expected);
      const refused = await workload.commit(client, workload.plan(ctx.random, 5));
      const refusedNames = new Set([...workload.expected].flatMap(([key, names]) => names.slice(before.get(key)?.length ?? 0).map((name) => `${key} ${name}`)));
      const attempted = await eventually(async () => first.process.hasExited || (await uncommittedNames(kafka, ctx.names.topicPrefix)).some((name) => refusedNames.has(name)), 20_000, 250);
      check(attempted, {
        expected: `your program to try to write transaction ${refused.xid} within 20 s (its records in the log, seen with read_uncommitted), or to stop`,
        got: 'neither',
        docs: DOCS,
        transcript: first.transcript(),
      });
      // Let an attempt in progress end (commit or abort) before judging what is visible.
      await eventually(async () => first.process.hasExited, 3_000, 100);
      const visible = (await readCommitted(kafka, ctx.names.topicPrefix)).map((record) => recordName(record, ctx.names.topicPrefix)).filter(({ key, name }) => refusedNames.has(`${key} ${name}`));
      check(visible.length === 0, {
        expected: `none of the records of transaction ${refused.xid} to be visible with read_committed: the offsets topic refused its position (max.message.bytes ${TOO_SMALL_FOR_A_POSITION}), so the Kafka transaction holding both must not commit`,
        got: `${visible.length} of its ${refusedNames.size} records visible (${visible.slice(0, 3).map(({ key, name }) => `${key} ${name}`).join(', ')}): the events were committed without their position, and will be written again once a position can be stored`,
        hint: 'send the events and the position record in the same transaction (one transaction.sendBatch, or several sends before one commit), then commit once',
        docs: DOCS,
        transcript: first.transcript(),
      });

      await restore();
      const again = first.process.hasExited ? await BridgeRun.start(ctx, { label: 'your program (started again)', args: ['--status-interval', '200'] }) : first;
      await workload.commit(client, workload.plan(ctx.random, 2));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 30_000, what: 'every transaction, once the offsets topic accepts positions again',
        hint: 'a transaction that was aborted must come again from the slot, exactly once', docs: DOCS, transcript: () => again.transcript(),
      });
    } finally {
      await client.end();
    }
  },
};

/**
 * Make the offsets topic refuse position records, and return how to undo it. AlterConfigs
 * replaces a topic's whole set of overrides, so the existing ones (cleanup.policy=compact) are
 * sent along. The broker applies it a moment later: a probe record with a key of its own (the
 * bridge reads only its slot's key) shows when.
 */
async function refusePositions(kafka: TestKafka, topic: string): Promise<() => Promise<void>> {
  const admin = await kafka.adminClient();
  // 2 is ConfigResourceTypes.TOPIC (kafkajs's CommonJS enum is not visible to ESM imports).
  const described = await admin.describeConfigs({ resources: [{ type: 2, name: topic }], includeSynonyms: false });
  const overrides = (described.resources[0]?.configEntries ?? [])
    .filter((entry) => !entry.isDefault && !entry.readOnly && entry.configName !== 'max.message.bytes')
    .map((entry) => ({ name: entry.configName, value: entry.configValue }));
  const alter = (entries: { name: string; value: string }[]) => admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: topic, configEntries: entries }] });
  await alter([...overrides, { name: 'max.message.bytes', value: String(TOO_SMALL_FOR_A_POSITION) }]);
  const producer = new Kafka({ clientId: 'grader-probe', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).producer({ retry: { retries: 0 } });
  await producer.connect();
  try {
    const applied = await eventually(async () => {
      try {
        await producer.send({ topic, messages: [{ key: 'grader-probe', value: 'x'.repeat(200) }] });
        return false;
      } catch {
        return true;
      }
    }, 15_000, 200);
    if (!applied) throw new Error(`the broker did not apply max.message.bytes=${TOO_SMALL_FOR_A_POSITION} to ${topic} within 15 s`);
  } finally {
    await producer.disconnect();
  }
  return async () => {
    await alter(overrides);
  };
}

async function uncommittedNames(kafka: TestKafka, topicPrefix: string): Promise<string[]> {
  const names: string[] = [];
  for (const table of TABLES) {
    const topic = `${topicPrefix}.public.${table}`;
    if (!(await kafka.topicExists(topic))) continue;
    for (const record of await kafka.readTopic(topic, { isolation: 'read_uncommitted', quietMs: 300 })) {
      const { key, name } = recordName(record, topicPrefix);
      names.push(`${key} ${name}`);
    }
  }
  return names;
}
