/**
 * How fast the initial snapshot reads: 1,000,000 rows into Kafka, timed by the program itself
 * ("Snapshot complete: … rows/s"). Needs the stack (eval "$(pnpm -s stack env)").
 *
 *   npx tsx labs/06-snapshot-stream/test/bench-snapshot.ts [rows=1000000] [runs=3] [chunk-size=10000]
 *
 * Each run gets a fresh database, slot, state folder and topic prefix, removed afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

const [rows = 1_000_000, runs = 3, chunkSize = 10_000] = process.argv.slice(2).map(Number);
const adminUrl = process.env.DATABASE_URL;
const brokers = process.env.KAFKA_BROKERS;
if (!adminUrl || !brokers) throw new Error('run eval "$(pnpm -s stack env)" first');
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function runProgram(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--chunk-size', String(chunkSize)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const done = /^Snapshot complete: .*$/m.exec(buffer);
      if (done) {
        child.kill('SIGKILL');
        resolve(done[0]);
      }
    });
    child.on('exit', () => reject(new Error(`the program exited before the snapshot completed:\n${buffer}`)));
  });
}

for (let run = 1; run <= runs; run += 1) {
  const name = `bench_l6_${process.pid}_${run}`;
  const url = `${adminUrl.replace(/\/[^/]*$/, '')}/${name}`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  await sql(adminUrl, `CREATE DATABASE ${name}`);
  try {
    await sql(url, `CREATE TABLE items (id bigserial PRIMARY KEY, v text NOT NULL, n integer NOT NULL, at timestamptz NOT NULL DEFAULT now());
                    INSERT INTO items (v, n) SELECT 'row ' || g, g FROM generate_series(1, ${rows}) AS g; ANALYZE items`);
    const line = await runProgram({ DATABASE_URL: url, CDC_SLOT: name, CDC_PUBLICATION: name, CDC_TOPIC_PREFIX: name, CDC_STATE_DIR: stateDir });
    console.log(`run ${run}: ${line}`);
  } finally {
    await sql(adminUrl, `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${name}' AND NOT active`).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sql(adminUrl, `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${name}'`).catch(() => {});
    await sql(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`).catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`));
    const admin = new Kafka({ clientId: 'bench-l6', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${name}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}
