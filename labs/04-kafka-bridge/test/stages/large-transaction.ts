import type { Lsn } from '@cdc-lab/common';
import { check, commitRecordOf, confirmsTransaction, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { recordCount, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { MemoryWatch } from '../grading/memory.ts';
import { slotState } from '../grading/slot-watch.ts';
import { waitFor } from '@cdc-lab/grading';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#large-transactions';
const ROWS = 1_000_000;
const MEMORY_LIMIT_MB = 300;

/**
 * One transaction of a million rows. Postgres sends it only after its commit, all at once;
 * the bridge must pass it through in bounded batches — its memory summed over its process
 * group stays under 300 MB — and confirm it only when the last record is acknowledged.
 */
export const largeTransaction: Stage = {
  slug: 'large-transaction',
  title: `a single transaction of ${ROWS.toLocaleString('en-US')} rows reaches Kafka whole, with memory under ${MEMORY_LIMIT_MB} MB`,
  docs: DOCS,
  timeoutMs: 240_000,
  async run(ctx) {
    // A status update every second: the confirmation must reach the slot within the last wait
    // below, which the default interval (a quarter of wal_sender_timeout, up to 10 s) leaves
    // too little of on a loaded machine.
    const run = await BridgeRun.start(ctx, { args: ['--status-interval', '1000'] });
    await ctx.db.query('CREATE TABLE big (id integer PRIMARY KEY, n integer NOT NULL)');
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'big');
    await commit(ctx.db, ['INSERT INTO big VALUES (0, 0)']);
    await waitForRecords(ctx.kafka(), run, topic, 1, { what: 'a first, small transaction' });

    const memory = new MemoryWatch(run.pid, 250);
    ctx.onCleanup(() => {
      memory.stop();
    });
    const checkMemory = (peak: number) => check(peak <= MEMORY_LIMIT_MB, {
      expected: `the bridge's memory to stay under ${MEMORY_LIMIT_MB} MB`,
      got: `${peak} MB resident at its peak`,
      hint: 'produce the transaction in bounded batches as it arrives; wait for Kafka when two batches are out',
      docs: DOCS,
    });
    const started = Date.now();
    const huge = await commit(ctx.db, [`INSERT INTO big SELECT g, g % 1000 FROM generate_series(1, ${ROWS}) AS g`]);
    let produced = 0;
    await waitFor(run, async () => {
      produced = await recordCount(ctx.kafka(), topic);
      // Once past the limit the verdict is in: give it now, not after a swollen, slow run.
      checkMemory(memory.peakMb);
      return produced >= ROWS + 1 ? true : undefined;
    }, {
      expected: `all ${ROWS.toLocaleString('en-US')} rows of the transaction in Kafka`,
      got: () => `${produced.toLocaleString('en-US')} records, bridge memory at most ${memory.peakMb} MB`,
      hint: 'never hold a whole transaction: send it in batches as it streams, and confirm only its end',
      timeoutMs: 200_000,
      pollMs: 500,
    });
    const seconds = (Date.now() - started) / 1000;
    const peak = memory.stop();
    ctx.onCleanup(() => console.log(`[large-transaction] ${ROWS} rows in ${seconds.toFixed(1)} s from COMMIT; bridge peak RSS ${peak} MB`));
    checkMemory(peak);
    check(produced === ROWS + 1, { expected: `exactly ${ROWS + 1} records`, got: `${produced}`, docs: DOCS });
    const hugeCommit = await commitRecordOf(ctx.db, huge);
    let confirmed: Lsn | null | undefined;
    await waitFor(run, async () => {
      confirmed = (await slotState(ctx.db, run.slot))?.confirmedFlushLsn;
      return confirmsTransaction(confirmed, hugeCommit) ? true : undefined;
    }, {
      expected: 'the slot confirmed past the big transaction once Kafka has all of it',
      got: () => `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}`,
      timeoutMs: 15_000,
    });
  },
};
