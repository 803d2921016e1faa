import type { Lsn } from '@cdc-lab/common';
import { commitRecordOf, confirmsTransaction, fail, TestDatabase, TestKafka, type CommitRecord, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { isKafkaAnswer, recordCount, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { MemoryWatch } from '../grading/memory.ts';
import { activeWalsender, slotState, withServerSetting } from '../grading/slot-watch.ts';
import { waitFor } from '@cdc-lab/grading';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#backpressure';
const ROWS = 100_000;
const PER_TRANSACTION = 10_000;
/** 2 kB of text per row: 100,000 rows are 200 MB of values, about 270 MB of JSON. */
const PAYLOAD_SQL = 'repeat(md5(g::text), 64)';
const MEMORY_LIMIT_MB = 300;
const WAL_SENDER_TIMEOUT = '2s';
/** Four times wal_sender_timeout: long enough for a silent connection to be dropped. */
const FROZEN_AT_LEAST_MS = 8_000;
/** …and until Postgres has stopped sending, so that a bridge which reads everything has read everything. */
const SENDER_STILL_MS = 2_000;
const FROZEN_AT_MOST_MS = 40_000;

/**
 * A broker that stops answering (SIGSTOP on a private broker) while 100,000 rows are written.
 * The bridge must wait without buffering without bound (its memory, summed over its process
 * group, stays under 300 MB), without confirming anything Kafka has not acknowledged (the
 * slot stays before the first frozen transaction), and without losing its replication
 * connection (wal_sender_timeout is 2 s, and the same walsender must serve it throughout).
 * Then the broker wakes up, and every row must reach Kafka and be confirmed.
 */
export const backpressure: Stage = {
  slug: 'backpressure',
  title: `with the broker frozen while ${ROWS.toLocaleString('en-US')} rows are written: memory bounded, nothing unacknowledged confirmed, connection kept; then everything arrives`,
  docs: DOCS,
  timeoutMs: 150_000,
  async run(ctx) {
    const stack = await ctx.privateStack(['postgres', 'kafka']);
    const db = await TestDatabase.create(stack.env.DATABASE_URL!, ctx.names.database);
    ctx.onCleanup(() => db.drop());
    const kafka = new TestKafka(stack.env.KAFKA_BROKERS!.split(','), ctx.names.topicPrefix);
    ctx.onCleanup(() => kafka.cleanup());
    const env = { DATABASE_URL: withServerSetting(db.url, 'wal_sender_timeout', WAL_SENDER_TIMEOUT), KAFKA_BROKERS: stack.env.KAFKA_BROKERS! };

    await db.query('CREATE TABLE events (id integer PRIMARY KEY, payload text NOT NULL)');
    const run = await BridgeRun.start(ctx, { env, label: 'your bridge (on a private stack)' });
    const walsender = await activeWalsender(db, run);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'events');
    await commit(db, ["INSERT INTO events VALUES (0, 'before the freeze')"]);
    await waitForRecords(kafka, run, topic, 1, { what: 'a first row, before the broker is frozen' });

    await stack.pause('kafka');
    const memory = new MemoryWatch(run.pid);
    // A small transaction first: small enough that any bridge gets to its commit before waiting.
    const first = await commit(db, ["INSERT INTO events VALUES (-1, 'first while frozen')"]);
    const firstCommit = await commitRecordOf(db, first);
    let last = first;
    for (let from = 1; from <= ROWS; from += PER_TRANSACTION) {
      last = await commit(db, [`INSERT INTO events SELECT g, ${PAYLOAD_SQL} FROM generate_series(${from}, ${from + PER_TRANSACTION - 1}) AS g`]);
    }

    const frozenAt = Date.now();
    let lastSent: string | null = null;
    let sentMovedAt = Date.now();
    for (;;) {
      const elapsed = Date.now() - frozenAt;
      const rss = memory.sample();
      const problem = await frozenProblem(db, run, walsender, firstCommit, memory.peakMb);
      if (problem) {
        memory.stop();
        await stack.resume('kafka');
        fail({ ...problem, docs: DOCS, transcript: run.transcript() });
      }
      const sent = (await db.query<{ sent: string | null }>('SELECT sent_lsn::text AS sent FROM pg_stat_replication WHERE pid = $1', [walsender])).rows[0]?.sent ?? null;
      if (sent !== lastSent) {
        lastSent = sent;
        sentMovedAt = Date.now();
      }
      if ((elapsed >= FROZEN_AT_LEAST_MS && Date.now() - sentMovedAt >= SENDER_STILL_MS) || elapsed >= FROZEN_AT_MOST_MS) {
        ctx.onCleanup(() => console.log(`[backpressure] frozen ${(elapsed / 1000).toFixed(1)} s; bridge RSS ${rss} MB now, ${memory.peakMb} MB at most`));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    await stack.resume('kafka');
    let produced = 0;
    let refusal: string | undefined;
    await waitFor(run, async () => {
      memory.sample();
      try {
        produced = await recordCount(kafka, topic);
        refusal = undefined;
      } catch (error) {
        // A broker woken by SIGCONT may answer "not the leader" for a moment while it takes
        // its partitions back, to the grader as to the bridge. Ask again: the deadline holds.
        if (!isKafkaAnswer(error)) throw error;
        refusal = error.message;
        return undefined;
      }
      return produced >= ROWS + 2 ? true : undefined;
    }, {
      expected: `all ${(ROWS + 2).toLocaleString('en-US')} rows in Kafka once the broker answers again`,
      got: () => `${produced.toLocaleString('en-US')} records${refusal ? ` (the broker's last answer to the grader: ${refusal})` : ''}`,
      hint: 'a slow broker must make the bridge wait, not give up or skip: kafkajs retries, and the changes stay in the slot meanwhile',
      timeoutMs: 60_000,
      pollMs: 250,
    });
    const peak = memory.stop();
    if (peak > MEMORY_LIMIT_MB) {
      fail({
        expected: `the bridge's memory to stay under ${MEMORY_LIMIT_MB} MB while it catches up`,
        got: `${peak} MB resident at its peak`,
        hint: 'bound what is held between the stream and Kafka: one batch in flight, one filling, and stop reading while both are busy',
        docs: DOCS,
      });
    }
    const lastCommit = await commitRecordOf(db, last);
    let confirmed: Lsn | null | undefined;
    await waitFor(run, async () => {
      confirmed = (await slotState(db, run.slot))?.confirmedFlushLsn;
      return confirmsTransaction(confirmed, lastCommit) ? true : undefined;
    }, {
      expected: `the slot confirmed past the last transaction (${last.xid}) once Kafka acknowledged it`,
      got: () => `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}`,
      timeoutMs: 15_000,
    });
  },
};

/** Anything wrong while the broker is frozen: the bridge gone, the slot moved, the connection replaced, memory over the limit. */
async function frozenProblem(db: TestDatabase, run: BridgeRun, walsender: number, first: CommitRecord, peakMb: number): Promise<{ expected: string; got: string; hint: string } | undefined> {
  if (run.process.hasExited) {
    await run.drained();
    return {
      expected: `${run.label} to keep running while the broker is frozen`,
      got: `it exited (${(await run.process.exited).code ?? 'signal'})`,
      hint: 'while waiting for Kafka the bridge stops reading the replication socket, so keepalive requests go unread: send status updates on a timer well within wal_sender_timeout',
    };
  }
  const slot = await slotState(db, run.slot);
  if (!slot?.active || slot.activePid !== walsender) {
    return {
      expected: `the same replication connection all along (walsender PID ${walsender}, wal_sender_timeout ${WAL_SENDER_TIMEOUT})`,
      got: slot?.active ? `walsender PID ${slot.activePid ?? '?'}` : 'the slot is inactive: Postgres ended the connection',
      hint: 'while the bridge waits for Kafka it reads nothing from the socket, keepalive requests included: send status updates on a timer, a few times per wal_sender_timeout',
    };
  }
  const confirmed = slot.confirmedFlushLsn;
  if (confirmed && confirmsTransaction(confirmed, first)) {
    return {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${first.start.toString()}, where the commit record of transaction ${first.xid} starts: Kafka is frozen and has acknowledged none of it`,
      got: `confirmed_flush_lsn ${confirmed.toString()}, past the start of that commit record: after a crash Postgres would skip the transaction`,
      hint: 'confirm a transaction only after Kafka has acknowledged every record up to its commit',
    };
  }
  if (peakMb > MEMORY_LIMIT_MB) {
    return {
      expected: `the bridge's memory to stay under ${MEMORY_LIMIT_MB} MB while the broker is frozen`,
      got: `${peakMb} MB resident`,
      hint: 'when Kafka is behind, stop taking changes from the stream (await room in the pipeline): the stream stops reading its socket and Postgres waits',
    };
  }
  return undefined;
}
