import { check, TestDatabase, TestKafka, type Random, type Stage, type StageContext } from '@cdc-lab/grading';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { sleep } from '../support/wait.ts';
import { transactionSize, Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#every-crash-point';

/**
 * Longer than a producer rides out by retrying on its own (the reference's retries cover about
 * twenty seconds): the Kafka transaction in flight fails, and the program has to start over.
 */
const BROKER_DOWNTIME_MS = 30_000;

/** A stack of the stage's own — restarting the shared one would disturb every other test — with the bridge on it. */
async function privateBridge(ctx: StageContext): Promise<{ db: TestDatabase; kafka: TestKafka; run: BridgeRun; restart(service: 'kafka' | 'postgres', downtimeMs: number): Promise<void> }> {
  const stack = await ctx.privateStack(['postgres', 'kafka']);
  const db = await TestDatabase.create(stack.env.DATABASE_URL!, ctx.names.database);
  ctx.onCleanup(() => db.drop());
  const kafka = new TestKafka(stack.env.KAFKA_BROKERS!.split(','), ctx.names.topicPrefix);
  ctx.onCleanup(() => kafka.cleanup());
  await Workload.createTables(db);
  const run = await BridgeRun.start(ctx, { env: { ...stack.env as Record<string, string>, DATABASE_URL: db.url }, args: ['--status-interval', '500'] });
  return { db, kafka, run, restart: (service, downtimeMs) => stack.restart(service, downtimeMs) };
}

/** Commit about `changes` changes in transactions of random sizes, spread over `ms`. */
async function commitSome(db: TestDatabase, workload: Workload, random: Random, changes: number, ms: number): Promise<void> {
  const client = await db.connect();
  const target = workload.committedChanges + changes;
  const started = Date.now();
  try {
    while (workload.committedChanges < target) {
      await workload.commit(client, workload.plan(random, Math.min(transactionSize(random), target - workload.committedChanges)));
      const due = started + (ms * (changes - (target - workload.committedChanges))) / changes;
      if (due > Date.now()) await sleep(due - Date.now());
    }
  } finally {
    await client.end();
  }
}

function stillRunning(run: BridgeRun, what: string): void {
  check(!run.process.hasExited, {
    expected: `your program to ride out ${what} by itself: start again from the position in Kafka once the service is back`,
    got: 'it exited',
    hint: 'treat lost connections and retriable Kafka errors (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, CONCURRENT_TRANSACTIONS, request timeouts) as a reason to start over — fence, read the position, resume — not to stop',
    docs: DOCS,
    transcript: run.transcript(),
  });
}

/**
 * The broker restarts while changes stream, away for longer than the producer's retries last:
 * Kafka transactions in flight are aborted or their fate is unknown to the bridge. Starting
 * over from the position in Kafka settles both.
 */
export const brokerRestart: Stage = {
  slug: 'broker-restart',
  title: 'the Kafka broker restarts mid-stream: nothing lost, nothing twice',
  docs: DOCS,
  timeoutMs: 240_000,
  async run(ctx) {
    const { db, kafka, run, restart } = await privateBridge(ctx);
    const workload = new Workload();
    await commitSome(db, workload, ctx.random, 2_000, 1_000);
    // The broker goes down while the bridge works through those, and changes keep coming.
    await Promise.all([restart('kafka', BROKER_DOWNTIME_MS), commitSome(db, workload, ctx.random, 3_000, 6_000)]);
    await commitSome(db, workload, ctx.random, 500, 500);
    await expectExactlyOnce(kafka, workload, {
      topicPrefix: ctx.names.topicPrefix, timeoutMs: 90_000, what: 'every transaction, through a broker restart',
      hint: 'after a failed Kafka transaction start again from the position in Kafka: a commit whose answer was lost may have gone through', docs: DOCS,
      transcript: () => run.transcript(),
      stillGoing: () => stillRunning(run, 'a broker restart'),
    });
    stillRunning(run, 'a broker restart');
  },
};

/**
 * Postgres restarts while changes stream: the replication connection dies. The slot keeps its
 * confirmed position across the restart; the bridge reconnects and skips what Kafka has.
 */
export const postgresRestart: Stage = {
  slug: 'postgres-restart',
  title: 'Postgres restarts mid-stream: nothing lost, nothing twice',
  docs: DOCS,
  timeoutMs: 150_000,
  async run(ctx) {
    const { db, kafka, run, restart } = await privateBridge(ctx);
    const workload = new Workload();
    await commitSome(db, workload, ctx.random, 4_000, 500);
    // No transaction may be in doubt, so the workload waits while Postgres restarts.
    await restart('postgres', 500);
    await commitSome(db, workload, ctx.random, 2_000, 2_000);
    await expectExactlyOnce(kafka, workload, {
      topicPrefix: ctx.names.topicPrefix, timeoutMs: 60_000, what: 'every transaction, through a Postgres restart',
      hint: 'when the replication connection is lost, open it again and skip what Kafka already has', docs: DOCS,
      transcript: () => run.transcript(),
      stillGoing: () => stillRunning(run, 'a Postgres restart'),
    });
    stillRunning(run, 'a Postgres restart');
  },
};
