/**
 * How fast does the bridge empty a backlog into Kafka? Each run makes changes while the bridge
 * is stopped, starts it, and measures the time from its start until every change is in Kafka
 * (by the topic's end offsets); it prints events per second and the bridge's peak memory:
 *
 *   eval "$(pnpm -s stack env)"
 *   npx tsx labs/04-kafka-bridge/test/bench-backlog.ts                 # 3 runs of 100,000 changes, 1,000 per transaction
 *   npx tsx labs/04-kafka-bridge/test/bench-backlog.ts --changes 1000000 --single-transaction --runs 1
 *
 * Every run uses a database, slot, publication and topic of its own, dropped afterwards. To
 * profile the bridge, pass Node flags for it: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { databaseUrl, kafkaBrokers, runMain } from '@cdc-lab/common';
import { dropDatabase, startBenchProgram, TestDatabase, topicEndOffset } from '@cdc-lab/grading';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '..', 'src', 'main.ts');

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      changes: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '3' },
      'transaction-size': { type: 'string', default: '1000' },
      'single-transaction': { type: 'boolean', default: false },
    },
  });
  const changes = Number(values.changes);
  const perTransaction = values['single-transaction'] ? changes : Number(values['transaction-size']);
  const adminUrl = databaseUrl();
  const brokers = kafkaBrokers();
  console.log(`${changes.toLocaleString('en-US')} inserts, ${perTransaction.toLocaleString('en-US')} per transaction, made while the bridge is stopped; Node ${process.version}`);
  const rates: number[] = [];
  for (let run = 1; run <= Number(values.runs); run += 1) {
    const result = await benchOnce(adminUrl, brokers, changes, perTransaction, run);
    rates.push(result.rate);
    console.log(`run ${run}: ${result.seconds.toFixed(2)} s from start (${result.afterListening.toFixed(2)} s after "Listening"), ${Math.round(result.rate).toLocaleString('en-US')} events/s; bridge peak RSS ${result.peakRssMb} MB`);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(`median ${Math.round(sorted[Math.floor(sorted.length / 2)]!).toLocaleString('en-US')} events/s`);
});

async function benchOnce(adminUrl: string, brokers: string[], changes: number, perTransaction: number, run: number) {
  const name = `cdc_lab_04_bench_${run}`;
  await dropDatabase(adminUrl, name);
  const db = await TestDatabase.create(adminUrl, name);
  const prefix = `bench-${process.pid}-${run}`;
  const topic = `${prefix}.public.items`;
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const env = { ...process.env, DATABASE_URL: db.url, CDC_SLOT: name, CDC_PUBLICATION: name, CDC_TOPIC_PREFIX: prefix, FORCE_COLOR: '0' };
  try {
    await db.query('CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2), updated_at timestamptz NOT NULL DEFAULT now())');
    // A first run creates the slot (and the publication); what happens after it is the backlog.
    const first = startBenchProgram(entry, env);
    await first.listening;
    await first.stop();

    process.stdout.write(`run ${run}: making ${changes.toLocaleString('en-US')} changes… `);
    for (let from = 1; from <= changes; from += perTransaction) {
      const to = Math.min(changes, from + perTransaction - 1);
      await db.query("INSERT INTO items (id, name, price) SELECT g, 'item ' || g, (g % 10000) / 100.0 FROM generate_series($1::bigint, $2::bigint) AS g", [from, to]);
    }
    console.log('done');

    const started = performance.now();
    const bridge = startBenchProgram(entry, env);
    const listeningAt = await bridge.listening.then(() => performance.now());
    for (;;) {
      const produced = await topicEndOffset(admin, topic);
      if (produced >= changes) break;
      if (bridge.exited) throw new Error(`the bridge exited early:\n${bridge.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const finished = performance.now();
    const peakRssMb = bridge.peakRssMb();
    await bridge.stop();
    const seconds = (finished - started) / 1000;
    return { seconds, afterListening: (finished - listeningAt) / 1000, rate: changes / seconds, peakRssMb };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
    await db.drop();
  }
}
