/**
 * How fast does the exactly-once bridge drain a backlog? Writes 100,000 changes into a fresh
 * database while the slot waits, then starts the bridge (the real program, as a separate
 * process) and measures from "Listening on slot" to the last event committed:
 *
 *   eval "$(pnpm -s stack env)"
 *   npx tsx labs/05-exactly-once/test/bench-backlog.ts [--changes N] [--rows-per-transaction K] [bridge flags…]
 *   npx tsx labs/05-exactly-once/test/bench-backlog.ts --batch-transactions 1      # one Kafka transaction each
 *
 * Every flag the script does not know goes to the bridge. The backlog is inserts of narrow
 * rows (id, version, 100 characters), K per Postgres transaction (10 by default).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { databaseUrl, kafkaBrokers, runMain } from '@cdc-lab/common';
import { typescriptRunner } from '@cdc-lab/workbook';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');

function flag(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} takes a positive whole number`);
  return parsed;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

await runMain(async () => {
  const bridgeArgs = process.argv.slice(2);
  const changes = flag(bridgeArgs, '--changes', 100_000);
  const rowsPerTransaction = flag(bridgeArgs, '--rows-per-transaction', 10);
  const transactions = Math.ceil(changes / rowsPerTransaction);
  const adminUrl = databaseUrl();
  const brokers = kafkaBrokers();
  const name = `bench05_${crypto.randomBytes(3).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  try {
    process.stdout.write(`backlog: ${changes.toLocaleString('en-US')} changes in ${transactions.toLocaleString('en-US')} transactions of ${rowsPerTransaction} rows… `);
    const started = Date.now();
    await withClient(url.toString(), async (client) => {
      await client.query('CREATE TABLE bench (id bigint PRIMARY KEY, version integer NOT NULL, payload text NOT NULL)');
      await client.query(`CREATE PUBLICATION "${name}" FOR TABLE bench`);
      await client.query(`SELECT pg_create_logical_replication_slot('${name}', 'pgoutput')`);
      // One COMMIT per loop turn: a DO block may end transactions when it is not inside one.
      await client.query(`DO $$ BEGIN
        FOR t IN 0..${transactions - 1} LOOP
          INSERT INTO bench SELECT g, 1, repeat('x', 100) FROM generate_series(t * ${rowsPerTransaction} + 1, LEAST((t + 1) * ${rowsPerTransaction}, ${changes})) AS g;
          COMMIT;
        END LOOP;
      END $$`);
    });
    console.log(`written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const bridge = spawn(typescriptRunner()[0]!, [...typescriptRunner().slice(1), ENTRY, ...bridgeArgs], {
      env: { ...process.env, DATABASE_URL: url.toString(), CDC_SLOT: name, CDC_PUBLICATION: name, CDC_TOPIC_PREFIX: name, CDC_TRANSACTIONAL_ID: name, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let listeningAt = 0;
    let committed = 0;
    let kafkaTransactions = 0;
    let partial = '';
    const seconds = await new Promise<number>((resolve, reject) => {
      bridge.once('exit', (code) => reject(new Error(`the bridge exited (code ${code}) after ${committed} events`)));
      bridge.stdout.setEncoding('utf8');
      bridge.stdout.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('Listening on slot')) listeningAt = performance.now();
          const events = /^Committed (\d+) event/.exec(line);
          if (!events) continue;
          committed += Number(events[1]);
          kafkaTransactions += 1;
          if (committed >= changes) resolve((performance.now() - listeningAt) / 1000);
        }
      });
    });
    bridge.removeAllListeners('exit');
    bridge.kill('SIGINT');
    await new Promise((resolve) => bridge.once('exit', resolve));
    console.log(`bridge ${bridgeArgs.join(' ') || '(defaults)'}: ${Math.round(changes / seconds).toLocaleString('en-US')} events/s`
      + ` (${changes.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s, ${kafkaTransactions.toLocaleString('en-US')} Kafka transactions)`);
  } finally {
    await withClient(adminUrl, (client) => client.query('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [name])).catch(() => {});
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {});
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${name}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  }
});
