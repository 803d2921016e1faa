import { Kafka, logLevel } from 'kafkajs';
import { check, type LabProcess, type Stage, type StageContext, type TestDatabase } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { eventually, sleep } from '../support/wait.ts';
import { Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#an-exactly-once-consumer';
const RESTARTS = 5;

/** id → events the consumer should have counted: every change event of the account, tombstones aside. */
function expectedCounts(workload: Workload): Map<number, number> {
  const counts = new Map<number, number>();
  for (const [key, names] of workload.expected) {
    if (!key.startsWith('accounts:')) continue;
    const events = names.filter((name) => name !== 'tombstone').length;
    if (events > 0) counts.set(Number(key.slice('accounts:'.length)), events);
  }
  return counts;
}

async function countsIn(sink: TestDatabase): Promise<Map<number, number> | null> {
  try {
    const { rows } = await sink.query<{ id: string; events: string }>('SELECT id::text, events::text FROM exactly_once.account_events');
    return new Map(rows.map((row) => [Number(row.id), Number(row.events)]));
  } catch {
    return null;
  }
}

function total(counts: ReadonlyMap<number, number> | null): number {
  return counts ? [...counts.values()].reduce((sum, count) => sum + count, 0) : 0;
}

function differences(want: ReadonlyMap<number, number>, got: ReadonlyMap<number, number> | null): string[] {
  if (!got) return ['the table exactly_once.account_events does not exist'];
  const found: string[] = [];
  for (const id of [...new Set([...want.keys(), ...got.keys()])].sort((a, b) => a - b)) {
    const expected = want.get(id) ?? 0;
    const counted = got.get(id) ?? 0;
    if (expected !== counted) found.push(`account ${id}: expected ${expected} events, counted ${counted}`);
  }
  return found;
}

async function startConsumer(ctx: StageContext, topic: string, sinkUrl: string, start: number): Promise<LabProcess> {
  const consumer = ctx.start({ args: ['consume', '--topic', topic], env: { DATABASE_URL: sinkUrl }, label: `your consumer (start ${start})` });
  await consumer.waitForLine((line) => lineFormats.consuming.pattern.exec(line)?.[1] === topic, {
    timeoutMs: 30_000,
    what: `your consumer to print "Consuming '${topic}' …" once it reads`,
    hint: 'the consume command creates its tables, reads its stored offsets, subscribes, then prints the line',
    docs: DOCS,
  });
  return consumer;
}

/**
 * The consumer side of exactly once. The bridge streams the accounts events; the grader leaves
 * an aborted transaction of fake account events in the topic; then the program's consume
 * command counts the events of each account into a database of its own while the grader kills
 * it (SIGKILL) and starts it again, each time a moment after it has caught up with a new
 * transaction. At the end every account's count must equal its committed events: no aborted
 * record counted, nothing counted twice, nothing lost.
 */
export const exactlyOnceConsumer: Stage = {
  slug: 'exactly-once-consumer',
  title: `a consumer counts each account's events into Postgres exactly once, killed ${RESTARTS} times, aborted records left out`,
  docs: DOCS,
  extension: true,
  timeoutMs: 180_000,
  async run(ctx) {
    const bridge = await BridgeRun.start(ctx, { args: ['--status-interval', '200'] });
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const kafka = ctx.kafka();
    const topic = `${ctx.names.topicPrefix}.public.accounts`;
    const sink = await ctx.otherDatabase('sink');
    const client = await ctx.db.connect();
    const grader = new Kafka({ clientId: 'grader-aborted-events', brokers: kafka.brokers, logLevel: logLevel.NOTHING })
      .producer({ transactionalId: `${ctx.names.transactionalId}-grader`, idempotent: true, maxInFlightRequests: 1 });
    try {
      for (const size of [6, 12, 1, 20]) await workload.commit(client, workload.plan(ctx.random, size));
      const delivered = (what: string) => expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 30_000, what,
        hint: 'the bridge must deliver every change before the consumer can count it', docs: DOCS, transcript: () => bridge.transcript(),
      });
      await delivered('the accounts events the consumer will count');

      // Fake events for live accounts, in a transaction that is aborted: in the log, never committed.
      const ids = [...expectedCounts(workload).keys()].slice(0, 5);
      await grader.connect();
      const aborted = await grader.transaction();
      await aborted.send({ topic, messages: ids.map((id) => ({ key: JSON.stringify({ id }), value: JSON.stringify({ before: null, after: { id, version: 999, note: 'aborted' }, op: 'u' }) })) });
      await aborted.abort();

      let consumer = await startConsumer(ctx, topic, sink.url, 1);
      for (let restart = 2; restart <= RESTARTS + 1; restart += 1) {
        await workload.commit(client, workload.plan(ctx.random, ctx.random.int(1, 30)));
        const want = total(expectedCounts(workload));
        // Kill it once it has counted at least what was there before this transaction's last
        // change, at a random moment while it may be applying the rest.
        await eventually(async () => total(await countsIn(sink)) >= want - 1, 30_000);
        await sleep(ctx.random.int(0, 40));
        await consumer.kill();
        consumer = await startConsumer(ctx, topic, sink.url, restart);
      }
      await workload.commit(client, workload.plan(ctx.random, 8));
      await delivered('every accounts event');

      const want = expectedCounts(workload);
      const exact = await eventually(async () => differences(want, await countsIn(sink)).length === 0, 30_000);
      const got = await countsIn(sink);
      const wrong = differences(want, got);
      const counted = total(got);
      check(exact, {
        expected: `exactly_once.account_events to hold, for each of ${want.size} accounts, the number of its change events in ${topic} that a read_committed consumer sees (${total(want)} in all), after the consumer was killed ${RESTARTS} times, within 30 s`,
        got: `${counted} counted; ${wrong.length} account(s) differ:\n    ${wrong.slice(0, 6).join('\n    ')}`,
        hint: counted > total(want)
          ? 'counted too many: read with read_committed (the topic holds an aborted transaction of fake events for some accounts), and store the next offset in the same database transaction as the count, resuming after it on start — an offset stored apart, or not at all, counts records again after a crash'
          : 'counted too few: an offset must never be stored for a record whose count did not commit with it; resume after the stored offset, not after whatever Kafka has',
        docs: DOCS,
        transcript: consumer.transcript(),
      });
    } finally {
      await grader.disconnect().catch(() => {});
      await client.end();
    }
  },
};
