/**
 * How fast does lab 8's bridge empty a backlog into Kafka? Lab 4's bench (its
 * test/bench-backlog.ts), for the Avro bridge: each run makes changes while the bridge is
 * stopped, starts it, and measures the time from its start until every change is in Kafka (by
 * the topic's end offsets); it prints events per second and the bridge's peak memory.
 *
 *   eval "$(pnpm -s stack env)"
 *   npx tsx labs/08-avro-registry/test/bench-backlog.ts                      # 3 runs of 50,000 changes, 1,000 per transaction
 *   npx tsx labs/08-avro-registry/test/bench-backlog.ts --transaction-size 1 --runs 1
 *
 * Every run uses a database, slot, publication, topic prefix, state directory and registry
 * subjects of its own, removed afterwards. The schemas are registered once, by the first start
 * (which also creates the slot), so the time measured is the backlog's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { databaseUrl, kafkaBrokers, requiredEnv, runMain } from '@cdc-lab/common';
import { dropDatabase, startBenchProgram, TestDatabase, topicEndOffset, type BenchProgram } from '@cdc-lab/grading';
import { RegistryClient } from '../src/registry/rest.ts';
import { subjectsFor } from '../src/registry/subjects.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '..', 'src', 'main.ts');

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      changes: { type: 'string', default: '50000' },
      runs: { type: 'string', default: '3' },
      'transaction-size': { type: 'string', default: '1000' },
      'single-transaction': { type: 'boolean', default: false },
    },
  });
  const changes = Number(values.changes);
  const perTransaction = values['single-transaction'] ? changes : Number(values['transaction-size']);
  const adminUrl = databaseUrl();
  const brokers = kafkaBrokers();
  const registryUrl = requiredEnv('SCHEMA_REGISTRY_URL', 'eval "$(pnpm -s stack env)" first');
  console.log(`${changes.toLocaleString('en-US')} inserts, ${perTransaction.toLocaleString('en-US')} per transaction, made while the bridge is stopped; Node ${process.version}`);
  const rates: number[] = [];
  for (let run = 1; run <= Number(values.runs); run += 1) {
    const result = await benchOnce({ adminUrl, brokers, registryUrl }, changes, perTransaction, run);
    rates.push(result.rate);
    console.log(`run ${run}: ${result.seconds.toFixed(2)} s from start (${result.afterListening.toFixed(2)} s after "Listening"), ${Math.round(result.rate).toLocaleString('en-US')} events/s; bridge peak RSS ${result.peakRssMb} MB`);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(`median ${Math.round(sorted[Math.floor(sorted.length / 2)]!).toLocaleString('en-US')} events/s`);
});

interface Stack {
  adminUrl: string;
  brokers: string[];
  registryUrl: string;
}

async function benchOnce(stack: Stack, changes: number, perTransaction: number, run: number) {
  const name = `cdc_lab_08_bench_${run}`;
  await dropDatabase(stack.adminUrl, name);
  const db = await TestDatabase.create(stack.adminUrl, name);
  const prefix = `bench-${process.pid}-${run}`;
  const topic = `${prefix}.public.items`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-08-bench-'));
  const registry = new RegistryClient(stack.registryUrl);
  const kafka = new Kafka({ clientId: 'bench', brokers: stack.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const env = { ...process.env, DATABASE_URL: db.url, CDC_SLOT: name, CDC_PUBLICATION: name, CDC_TOPIC_PREFIX: prefix, CDC_STATE_DIR: stateDir, FORCE_COLOR: '0' };
  try {
    await db.query('CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2), updated_at timestamptz NOT NULL DEFAULT now())');
    // A first run creates the slot (and the publication) and registers the table's schemas with
    // one change; what happens after it is the backlog.
    const first = startBenchProgram(entry, env);
    await first.listening;
    await db.query("INSERT INTO items (id, name, price) VALUES (0, 'item 0', 0)");
    await waitUntil(async () => (await topicEndOffset(admin, topic)) >= 1, first, 30_000, 'the first change');
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
    await waitUntil(async () => (await topicEndOffset(admin, topic)) >= changes + 1, bridge, 30 * 60_000, `${changes} changes`);
    const finished = performance.now();
    const peakRssMb = bridge.peakRssMb();
    await bridge.stop();
    const seconds = (finished - started) / 1000;
    return { seconds, afterListening: (finished - listeningAt) / 1000, rate: changes / seconds, peakRssMb };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
    const subjects = subjectsFor(topic);
    for (const subject of [subjects.key, subjects.value]) await registry.deleteSubject(subject);
    fs.rmSync(stateDir, { recursive: true, force: true });
    await db.drop();
  }
}

/** Poll Kafka until `done`; fail if the bridge exits first or `timeoutMs` passes. */
async function waitUntil(done: () => Promise<boolean>, bridge: BenchProgram, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (bridge.exited) throw new Error(`the bridge exited before Kafka had ${what}:\n${bridge.output()}`);
    if (Date.now() > deadline) throw new Error(`Kafka did not have ${what} within ${timeoutMs / 1000} s:\n${bridge.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
