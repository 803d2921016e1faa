import type pg from 'pg';
import { check, seededRandom, type Random, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { sleep } from '../support/wait.ts';
import { transactionSize, Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#every-crash-point';
const CHANGES = 20_000;
const KILLS = 30;
/** The workload is spread over this long, so that the kills land while changes flow. */
const WORKLOAD_MS = 30_000;
/**
 * Frequent status updates keep the slot close behind Kafka (most restarts skip a little, not
 * everything); small batches make many Kafka transactions, and make the ~1000-row
 * transactions span several of them.
 */
const ARGS = ['--status-interval', '200', '--batch-changes', '100'];

/**
 * When a life ends: while it starts (fencing, reading the position, waiting for the slot); while
 * it catches up with what piled up during the restart (Kafka transactions back to back); later,
 * while streaming; or a few milliseconds after it printed a commit.
 */
type Moment = 'starting' | 'catching-up' | 'streaming' | 'just-after-a-commit';

const MOMENTS: readonly Moment[] = ['starting', 'catching-up', 'catching-up', 'catching-up', 'streaming', 'just-after-a-commit', 'just-after-a-commit'];

interface Kill {
  life: number;
  moment: Moment;
  afterMs: number;
  lastLine: string;
}

/**
 * The crash test. A workload of at least 20,000 changes — transactions of 1, about 10, about
 * 100 and about 1000 rows, inserts, updates and deletes — runs while the bridge is killed with
 * SIGKILL at least 30 times and started again at once. The moments are random (the seed
 * replays them): while it starts, while it catches up with the changes that piled up during the
 * restart, later while it streams, and a few milliseconds after it printed a commit. Afterwards a read_committed consumer must see every change
 * exactly once, in commit order per key, and nothing else.
 */
export const crash: Stage = {
  slug: 'crash',
  title: `${CHANGES} changes, the bridge killed (SIGKILL) ${KILLS} times: every change exactly once`,
  docs: DOCS,
  timeoutMs: 240_000,
  async run(ctx) {
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const kills: Kill[] = [];
    let current = await BridgeRun.start(ctx, { args: ARGS, label: 'your program (life 1)' });
    const schedule = () => `kill schedule (seed ${ctx.random.seed}):\n${kills.map((kill) => `  life ${kill.life}: killed ${kill.afterMs} ms ${kill.moment === 'starting' ? 'after starting' : kill.moment === 'just-after-a-commit' ? 'after a "Committed" line' : 'after it listened'}; its last line: ${kill.lastLine}`).join('\n')}`;

    // The workload's randomness is its own, so that timing cannot change which changes it makes.
    const workloadRandom = ctx.random;
    const killRandom = seededRandom(ctx.random.int(0, 2 ** 31 - 1));
    let workloadError: unknown;
    let workloadDone = false;
    const running = runWorkload(ctx.db, workload, workloadRandom).then(
      () => (workloadDone = true),
      (error: unknown) => {
        workloadError = error;
        workloadDone = true;
      },
    );

    try {
      for (let life = 1; kills.length < KILLS || !workloadDone; life += 1) {
        if (life > 1) current = BridgeRun.launch(ctx, { args: ARGS, label: `your program (life ${life})` });
        const moment: Moment = life === 1 ? 'streaming' : killRandom.pick(MOMENTS);
        let afterMs: number;
        if (moment === 'starting') {
          afterMs = killRandom.int(50, 900);
          await sleep(afterMs);
        } else {
          await current.listening();
          if (moment === 'catching-up' || moment === 'streaming') {
            afterMs = moment === 'catching-up' ? killRandom.int(0, 120) : killRandom.int(120, 1_000);
            await sleep(afterMs);
          } else {
            const from = current.process.lines.length;
            await current.process.waitForLine(lineFormats.committed.pattern, { from, timeoutMs: 2_000 }).catch(() => {});
            afterMs = killRandom.int(0, 10);
            await sleep(afterMs);
          }
        }
        check(!current.process.hasExited, {
          expected: `your program to keep running until it is killed (life ${life})`,
          got: 'it exited by itself',
          docs: DOCS,
          transcript: `${current.transcript()}\n${schedule()}`,
        });
        kills.push({ life, moment, afterMs, lastLine: current.process.lines.at(-1) ?? '(nothing yet)' });
        await current.process.kill();
      }
      await running;
      if (workloadError) throw workloadError;

      const last = BridgeRun.launch(ctx, { args: ARGS, label: `your program (life ${kills.length + 1}, left running)` });
      await last.listening();
      await expectExactlyOnce(ctx.kafka(), workload, {
        topicPrefix: ctx.names.topicPrefix,
        timeoutMs: 60_000,
        what: `after ${kills.length} kills, ${workload.committedChanges} changes in ${workload.committedTransactions} transactions`,
        hint: 'events and position in ONE Kafka transaction; on start: fence, read the position (read_committed), skip what Kafka has; confirm to Postgres only after the commit',
        docs: DOCS,
        transcript: () => `${last.transcript()}\n${schedule()}`,
      });
      check(workload.committedChanges >= CHANGES && kills.length >= KILLS, {
        expected: `a workload of at least ${CHANGES} changes and at least ${KILLS} kills`,
        got: `${workload.committedChanges} changes, ${kills.length} kills`,
        docs: DOCS,
      });
    } finally {
      await running;
    }
  },
};

/** Commit transactions of random sizes until CHANGES changes, paced over WORKLOAD_MS. */
async function runWorkload(db: { connect(): Promise<pg.Client> }, workload: Workload, random: Random): Promise<void> {
  const client = await db.connect();
  const started = Date.now();
  try {
    while (workload.committedChanges < CHANGES) {
      await workload.commit(client, workload.plan(random, Math.min(transactionSize(random), CHANGES - workload.committedChanges)));
      const due = started + (WORKLOAD_MS * workload.committedChanges) / CHANGES;
      if (due > Date.now()) await sleep(due - Date.now());
    }
  } finally {
    await client.end();
  }
}
