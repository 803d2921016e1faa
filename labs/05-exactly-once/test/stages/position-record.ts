import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { cleanupPolicy, offsetsTopic, readCommittedTopic, storedPosition } from '../support/topics.ts';
import { eventually } from '../support/wait.ts';
import { Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#the-offsets-topic';
const PIECE = 100;
const BIG = 450;

/**
 * The position lives in a compacted topic, keyed by the slot, and names the last change in
 * Kafka precisely: (commit LSN, index, complete). A transaction larger than --batch-changes is
 * written in several Kafka transactions, each with the position after its last change.
 */
export const positionRecord: Stage = {
  slug: 'position-record',
  title: 'the position is written to a compacted offsets topic, keyed by the slot, piece by piece for a large transaction',
  docs: DOCS,
  async run(ctx) {
    const run = await BridgeRun.start(ctx, { args: ['--batch-changes', String(PIECE)] });
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const client = await ctx.db.connect();
    const big = await (async () => {
      try {
        await workload.commit(client, workload.plan(ctx.random, 3));
        return await workload.commit(client, workload.plan(ctx.random, BIG));
      } finally {
        await client.end();
      }
    })();
    const kafka = ctx.kafka();
    await expectExactlyOnce(kafka, workload, {
      topicPrefix: ctx.names.topicPrefix,
      timeoutMs: 20_000,
      what: 'the events of a small transaction and of one with 450 changes',
      hint: 'write the events of a transaction larger than --batch-changes in several Kafka transactions, in order',
      docs: DOCS,
      transcript: () => run.transcript(),
    });

    const topic = offsetsTopic(ctx.names.topicPrefix);
    const transcript = run.transcript();
    check(await kafka.topicExists(topic), {
      expected: `a topic ${topic} holding the bridge's position`,
      got: `no such topic (there are: ${(await kafka.topics()).join(', ') || 'none'})`,
      hint: 'create <CDC_TOPIC_PREFIX>.offsets with cleanup.policy=compact before the first transaction, and write the position to it in every transaction',
      docs: DOCS,
      transcript,
    });
    const policy = await cleanupPolicy(kafka, topic);
    check(policy === 'compact', {
      expected: `${topic} to have cleanup.policy=compact, so that the last position of each key is kept for ever`,
      got: `cleanup.policy=${policy}`,
      hint: 'create the topic yourself (admin.createTopics with configEntries [{ name: "cleanup.policy", value: "compact" }]); an auto-created topic deletes old records',
      docs: DOCS,
      transcript,
    });
    // One Kafka transaction holds the events and the position, but its commit markers are
    // written partition by partition: the offsets topic may show the last position a moment
    // after the events show. Read until it names the big transaction complete, or give up.
    const namesBig = (position: ReturnType<typeof storedPosition>) => position !== null
      && position.commitLsn.isAfter(big.lsnBefore) && position.commitLsn.isBefore(big.lsnAfter);
    let records = await readCommittedTopic(kafka, topic);
    await eventually(async () => {
      if (records.map(storedPosition).some((position) => namesBig(position) && position!.complete)) return true;
      records = await readCommittedTopic(kafka, topic);
      return false;
    }, 10_000, 250);
    const positions = records.map(storedPosition);
    const strangers = records.filter((record, index) => record.key !== ctx.names.slot || positions[index] === null);
    check(records.length > 0 && strangers.length === 0, {
      expected: `every record of ${topic} to have the slot's name "${ctx.names.slot}" as key and a value like {"commitLsn":"0/1A2B3C8","index":41,"complete":true}`,
      got: records.length === 0 ? 'no committed record' : strangers.length === 0 ? 'all of them' : `${strangers.length} other record(s), e.g. key ${JSON.stringify(strangers[0]!.key)} value ${strangers[0]!.value ?? 'null'}`,
      docs: DOCS,
      transcript,
    });

    const stored = positions.filter((position) => position !== null);
    const pieces = stored.filter(namesBig);
    const shown = pieces.map((position) => position.raw).join(' ');
    const indexes = pieces.map((position) => position.index);
    const wellFormed = pieces.length >= Math.ceil(BIG / PIECE)
      && indexes.every((index, at) => index - (at === 0 ? -1 : indexes[at - 1]!) >= 1 && index - (at === 0 ? -1 : indexes[at - 1]!) <= PIECE)
      && pieces.slice(0, -1).every((position) => !position.complete)
      && pieces.at(-1)?.complete === true && pieces.at(-1)?.index === BIG - 1;
    check(wellFormed, {
      expected: `the ${BIG}-change transaction (xid ${big.xid}, commit LSN between ${big.lsnBefore} and ${big.lsnAfter}) written with --batch-changes ${PIECE}: `
        + `at least ${Math.ceil(BIG / PIECE)} positions naming its commit LSN, indexes rising by at most ${PIECE} to ${BIG - 1}, only the last one complete`,
      got: pieces.length === 0 ? `no position names that transaction; the positions are: ${stored.map((position) => position.raw).join(' ')}` : shown,
      hint: 'a change is named by its transaction\'s commit LSN and its index in the transaction (0, 1, 2 …); a piece of a transaction is complete only when it holds its commit',
      docs: DOCS,
      transcript,
    });
    check(stored.at(-1)?.complete === true && stored.at(-1)?.commitLsn.equals(pieces.at(-1)!.commitLsn) === true, {
      expected: 'the last position to name the last transaction, complete',
      got: stored.at(-1)?.raw ?? 'none',
      docs: DOCS,
      transcript,
    });
  },
};
