import { check, type Stage } from '@cdc-lab/grading';
import { BridgeRun } from '../grading/bridge-run.ts';
import { recordCount, topicOf } from '../grading/kafka-watch.ts';
import { recordBatches } from '../grading/record-batches.ts';
import { waitForSlotReleased } from '../grading/slot-watch.ts';

const DOCS = 'docs/04-kafka-bridge.md#batching';
const CHANGES = 20_000;
const PER_TRANSACTION = 1_000;
/** Well below what the reference reaches (15,000 to 25,000 a second here), even on a busy machine. */
const MIN_EVENTS_PER_SECOND = 3_000;
/** One produce request per record gives 1; the reference's batches hold hundreds. */
const MIN_RECORDS_PER_BATCH = 20;

/**
 * A backlog, made while the bridge is stopped, must drain in batches: Kafka keeps the records
 * of one produce request (per partition) as one record batch, and the stage reads the batch
 * boundaries back. A request per record waits a round trip for each one; on a local broker
 * that can still pass for fast, so the batches are what is checked, and the rate only as a
 * floor.
 */
export const throughput: Stage = {
  slug: 'throughput',
  title: `a backlog of ${CHANGES.toLocaleString('en-US')} changes reaches Kafka in batches (${MIN_RECORDS_PER_BATCH}+ records per request) at ${MIN_EVENTS_PER_SECOND.toLocaleString('en-US')} events/s or more`,
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    await ctx.db.query('CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2))');
    const first = await BridgeRun.start(ctx, { label: 'your bridge (first run, to create the slot)' });
    await first.interrupt();
    // The walsender lets go of the slot a moment after the bridge has gone: a second bridge
    // started before then would be refused.
    await waitForSlotReleased(ctx.db, first);
    for (let from = 1; from <= CHANGES; from += PER_TRANSACTION) {
      await ctx.db.query("INSERT INTO items SELECT g, 'item ' || g, g / 100.0 FROM generate_series($1::integer, $2::integer) AS g", [from, from + PER_TRANSACTION - 1]);
    }
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'items');
    const run = await BridgeRun.start(ctx, { label: 'your bridge (with a backlog)' });
    const started = Date.now();
    const deadline = started + Math.round((CHANGES / MIN_EVENTS_PER_SECOND) * 1000);
    let produced = 0;
    while (produced < CHANGES && Date.now() < deadline && !run.process.hasExited) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      produced = await recordCount(ctx.kafka(), topic);
    }
    const seconds = (Date.now() - started) / 1000;
    const rate = Math.round(produced / seconds);

    // The batches first: when they are the reason for a slow drain, they are what to fix.
    const { records, batches } = await recordBatches(ctx.stack.KAFKA_BROKERS!.split(','), topic, produced);
    ctx.onCleanup(() => console.log(`[throughput] ${produced} of ${CHANGES} changes in ${seconds.toFixed(2)} s after "Listening": ${rate} events/s, ${batches} record batches`));
    check(records === 0 || records / batches >= MIN_RECORDS_PER_BATCH, {
      expected: `the records to arrive in batches: at least ${MIN_RECORDS_PER_BATCH} records per produce request on average`,
      got: `${records.toLocaleString('en-US')} records in ${batches.toLocaleString('en-US')} record batches: ${(records / Math.max(1, batches)).toFixed(1)} per request`,
      hint: 'send many records in one request (producer.sendBatch with every record waiting), not one send per record',
      docs: DOCS,
      transcript: run.transcript(),
    });
    check(produced >= CHANGES, {
      expected: `${CHANGES.toLocaleString('en-US')} records in ${topic} within ${((deadline - started) / 1000).toFixed(1)} s (at least ${MIN_EVENTS_PER_SECOND.toLocaleString('en-US')} events/s)`,
      got: `${produced.toLocaleString('en-US')} records after ${seconds.toFixed(1)} s: ${rate.toLocaleString('en-US')} events/s${run.process.hasExited ? ', and the bridge exited' : ''}`,
      hint: 'keep reading the stream while a batch is on its way, and send the next batch as soon as the last one is acknowledged',
      docs: DOCS,
      transcript: run.transcript(),
    });
    check(produced === CHANGES, {
      expected: `exactly ${CHANGES} records (no duplicates without a crash)`,
      got: `${produced}`,
      docs: DOCS,
    });
  },
};
