/**
 * `pnpm observe:screenshots [lab…]`: regenerate docs/images/observe-NN-<slug>.png, the picture
 * each chapter's "Watching it" section shows. Each scene brings the running stack to the
 * moment its lesson is about — with the lab's reference program where the moment is the
 * program's (labs 3, 4 and 9), with SQL and a Kafka client where it is a state of Postgres or
 * Kafka (an open transaction, a snapshot in progress) — opens the page in headless Chromium
 * with the lab's panel and only that scene's names, and takes the picture. Everything a scene
 * makes has names of its own and is removed afterwards.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import avro from 'avsc';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Page } from 'playwright-core';
import { colour, ConfigurationError, runMain } from '@cdc-lab/common';
import { LabProcess, TestDatabase, TestKafka, testNames } from '@cdc-lab/grading';
import { repoRoot, type StackEnv } from '@cdc-lab/harness';
import { findLab, loadManifest, programTarget, type Lab } from '@cdc-lab/workbook';
import { launchChromium } from './browser.ts';
import { startObserveServer } from './server.ts';
import { observedStackEnv } from './stack-env.ts';

interface Scene {
  lab: number;
  /** What the picture shows, printed while it is taken. */
  moment: string;
  /** Brings the stack to the moment; returns when the page should show it. */
  set(context: SceneContext): Promise<void>;
  /** A CSS selector the page shows once it has caught up with the moment. */
  ready: (context: SceneContext) => string;
}

interface SceneContext {
  lab: Lab;
  env: StackEnv;
  /** Short and readable, unique to this run: `lab3_1a2b3c` (slots) and `lab3-1a2b3c` (topics). */
  id: string;
  slot: string;
  publication: string;
  topicPrefix: string;
  db: TestDatabase;
  kafka: TestKafka | undefined;
  page: Page;
  stateDir: string;
  /** Run at the end, last first, whatever happened. */
  cleanups: Array<() => Promise<unknown>>;
}

/** The page's document, as the function evaluated in the browser uses it (no DOM types here). */
declare const document: { querySelector(selector: string): unknown };

const IMAGES = path.join(repoRoot(), 'docs', 'images');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function producerFor(context: SceneContext, transactionalId?: string): Producer {
  const kafka = new Kafka({ clientId: context.id, brokers: context.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, ...(transactionalId ? { transactionalId, idempotent: true, maxInFlightRequests: 1 } : {}) });
  context.cleanups.push(() => producer.disconnect().catch(() => {}));
  return producer;
}

/** The lab's reference program on this scene's database and names, as a grader runs it. */
function reference(context: SceneContext, args: string[] = []): LabProcess {
  const program = LabProcess.start(programTarget(context.lab, 'reference'), {
    args,
    env: {
      ...context.env,
      DATABASE_URL: context.db.url,
      CDC_SLOT: context.slot,
      CDC_PUBLICATION: context.publication,
      CDC_TOPIC_PREFIX: context.topicPrefix,
      CDC_STATE_DIR: context.stateDir,
    },
  });
  context.cleanups.push(() => program.stop());
  return program;
}

/** A change event shaped like lab 4's (Debezium's envelope), for scenes that publish by hand. */
function changeEvent(context: SceneContext, op: 'c' | 'u' | 'd' | 'r', table: string, after: Record<string, unknown> | null, position: { lsn: bigint; txId: number }, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    before: null,
    after,
    source: { version: 'cdc-lab', connector: 'postgresql', name: context.topicPrefix, ts_ms: Date.now(), db: context.db.name, schema: 'public', table, txId: position.txId, lsn: Number(position.lsn), ...extra },
    op,
    ts_ms: Date.now(),
  });
}

async function currentPosition(context: SceneContext): Promise<{ lsn: bigint; txId: number }> {
  const row = (await context.db.query<{ lsn: string; xid: string }>(`SELECT (pg_current_wal_insert_lsn() - '0/0')::text AS lsn, txid_current()::text AS xid`)).rows[0]!;
  return { lsn: BigInt(row.lsn), txId: Number(row.xid) };
}

async function confirmedLsn(context: SceneContext): Promise<string | null> {
  const row = (await context.db.query<{ confirmed: string | null }>(
    'SELECT confirmed_flush_lsn::text AS confirmed FROM pg_replication_slots WHERE slot_name = $1', [context.slot])).rows[0];
  return row?.confirmed ?? null;
}

/** Wait until the scene's slot confirms a position other than `before` (the program's status update). */
async function confirmedMoves(context: SceneContext, before: string | null, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await confirmedLsn(context)) !== before) return;
    await sleep(250);
  }
  throw new Error(`slot ${context.slot} confirmed nothing within ${timeoutMs / 1000} s`);
}

const slotSelector = (context: SceneContext) => `tr[data-slot="${context.slot}"]`;

const SCENES: Scene[] = [
  {
    lab: 1,
    moment: 'an INSERT, an UPDATE and a DELETE, three seconds apart: the WAL written each second, and no slot holding any',
    async set({ db }) {
      await db.query('CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())');
      await sleep(3_000);
      await db.query(`INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, 200) AS g`);
      await sleep(3_000);
      await db.query(`UPDATE users SET name = name || ' (renamed)', updated_at = now() WHERE id % 2 = 0`);
      await sleep(3_000);
      await db.query(`DELETE FROM users WHERE id % 3 = 0`);
      await sleep(3_000);
    },
    ready: () => '#insert-lsn',
  },
  {
    lab: 2,
    moment: 'one INSERT of 1,000 rows has moved the insert position by its WAL records',
    async set({ db }) {
      await db.query('CREATE TABLE events (id bigserial PRIMARY KEY, payload text)');
      await sleep(5_000);
      await db.query(`INSERT INTO events (payload) SELECT repeat('x', 100) FROM generate_series(1, 1000)`);
      await sleep(4_000);
    },
    ready: () => '#insert-lsn',
  },
  {
    lab: 3,
    moment: 'the streamer has printed and confirmed two transactions; a third is still open, so confirmed_flush waits behind the insert position',
    async set(context) {
      const { db } = context;
      await db.query('CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric)');
      const program = reference(context);
      await program.waitForLine(/^Listening on slot/, { timeoutMs: 30_000 });
      const before = await confirmedLsn(context);
      await db.query(`INSERT INTO accounts VALUES (1, 'Ada', 100)`);
      await db.query(`UPDATE accounts SET balance = 90 WHERE id = 1`);
      await program.waitForLine(/^COMMIT/, { timeoutMs: 15_000 });
      await confirmedMoves(context, before);
      const open = await db.connect();
      context.cleanups.push(() => open.end().catch(() => {}));
      await open.query('BEGIN');
      await open.query(`INSERT INTO accounts SELECT g, 'owner ' || g, 0 FROM generate_series(2, 2000) AS g`);
      context.cleanups.push(() => open.query('ROLLBACK').catch(() => {}));
    },
    ready: (context) => `${slotSelector(context)} .badge.active`,
  },
  {
    lab: 4,
    moment: 'the bridge has published three changes; each record carries the LSN and txId of its change',
    async set(context) {
      const { db } = context;
      await db.query('CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL, quantity int NOT NULL)');
      const program = reference(context);
      await program.waitForLine(/^Listening/, { timeoutMs: 60_000 });
      const before = await confirmedLsn(context);
      await db.query(`INSERT INTO orders VALUES (1, 'tea', 2)`);
      await db.query(`INSERT INTO orders VALUES (2, 'scones', 6)`);
      await db.query(`UPDATE orders SET quantity = 3 WHERE id = 1`);
      // Kafka acknowledged the records: the bridge confirms their commits.
      await confirmedMoves(context, before);
    },
    ready: (context) => `article[data-topic="${context.topicPrefix}.public.orders"] tr.record:nth-child(3)`,
  },
  {
    lab: 5,
    moment: 'one transaction committed, the next still open: the last stable offset trails the high watermark',
    async set(context) {
      const topic = `${context.topicPrefix}.public.orders`;
      await context.kafka!.createTopic(topic);
      const producer = producerFor(context, `${context.topicPrefix}-txn`);
      await producer.connect();
      const first = await producer.transaction();
      let position = await currentPosition(context);
      await first.send({ topic, messages: [1, 2].map((id) => ({ key: JSON.stringify({ id }), value: changeEvent(context, 'c', 'orders', { id, item: 'tea', quantity: id }, position) })) });
      await first.commit();
      position = await currentPosition(context);
      const open = await producer.transaction();
      context.cleanups.push(() => open.abort().catch(() => {}));
      await open.send({ topic, messages: [3, 4].map((id) => ({ key: JSON.stringify({ id }), value: changeEvent(context, 'c', 'orders', { id, item: 'scones', quantity: id }, position) })) });
    },
    ready: (context) => `article[data-topic="${context.topicPrefix}.public.orders"].held-back`,
  },
  {
    lab: 6,
    moment: 'the snapshot is being copied (op r records) while the slot, created first, holds the changes made meanwhile',
    async set(context) {
      const { db } = context;
      const topic = `${context.topicPrefix}.public.customers`;
      await db.query('CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)');
      await db.query(`INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger'), (4, 'Barbara')`);
      await db.query(`CREATE PUBLICATION "${context.publication}" FOR TABLE customers`);
      await db.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [context.slot]);
      const position = await currentPosition(context);
      await context.kafka!.createTopic(topic);
      const producer = producerFor(context);
      await producer.connect();
      const rows = (await db.query<{ id: number; name: string }>('SELECT id, name FROM customers ORDER BY id')).rows;
      await producer.send({ topic, messages: rows.map((row) => ({ key: JSON.stringify({ id: row.id }), value: changeEvent(context, 'r', 'customers', row, position, { snapshot: 'true' }) })) });
      // Written during the copy: not in the snapshot, kept by the slot for the stream.
      await db.query(`INSERT INTO customers VALUES (5, 'Frances')`);
      await db.query(`UPDATE customers SET name = 'Ada Lovelace' WHERE id = 1`);
    },
    ready: (context) => `${slotSelector(context)}`,
  },
  {
    lab: 7,
    moment: 'two committed outbox rows relayed as events, keyed by aggregate id, with id and type in the headers',
    async set(context) {
      const topic = `${context.topicPrefix}.event.Order`;
      await context.kafka!.createTopic(topic);
      const producer = producerFor(context);
      await producer.connect();
      const events = [
        { type: 'OrderPlaced', payload: { orderId: 42, items: [{ sku: 'tea', quantity: 2 }] } },
        { type: 'OrderPaid', payload: { orderId: 42, amount: '7.50' } },
      ];
      await producer.send({
        topic,
        messages: events.map((event) => ({ key: '42', value: JSON.stringify(event.payload), headers: { id: crypto.randomUUID(), type: event.type } })),
      });
    },
    ready: (context) => `article[data-topic="${context.topicPrefix}.event.Order"] tr.record:nth-child(2)`,
  },
  {
    lab: 8,
    moment: 'Avro records decoded through the registry; after the table gained a column, the next record names a new schema id',
    async set(context) {
      const registry = context.env.SCHEMA_REGISTRY_URL;
      if (!registry) throw new ConfigurationError('the stack runs no schema registry', { hint: 'pnpm stack up --services postgres,kafka,registry' });
      const topic = `${context.topicPrefix}.public.customers`;
      const subject = `${topic}-value`;
      const base = registry.replace(/\/$/, '');
      context.cleanups.push(async () => {
        await fetch(`${base}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' }).catch(() => {});
        await fetch(`${base}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' }).catch(() => {});
      });
      const fields = [{ name: 'id', type: 'int' }, { name: 'name', type: 'string' }];
      const version1 = { type: 'record', name: 'Value', namespace: `${context.id}.public.customers`, fields };
      // ALTER TABLE customers ADD COLUMN email text: a new version, compatible (the column may be null).
      const version2 = { ...version1, fields: [...fields, { name: 'email', type: ['null', 'string'], default: null }] };
      await context.kafka!.createTopic(topic);
      const producer = producerFor(context);
      await producer.connect();
      for (const [schema, rows] of [[version1, [{ id: 1, name: 'Ada' }, { id: 2, name: 'Grace' }]], [version2, [{ id: 3, name: 'Edsger', email: 'ewd@example.org' }]]] as const) {
        const registered = await fetch(`${base}/subjects/${encodeURIComponent(subject)}/versions`, {
          method: 'POST', headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ schema: JSON.stringify(schema) }),
        });
        if (!registered.ok) throw new Error(`the registry refused the schema: HTTP ${registered.status} ${await registered.text()}`);
        const { id } = (await registered.json()) as { id: number };
        const type = avro.Type.forSchema(schema as avro.Schema);
        const frame = (value: unknown) => {
          // The Confluent wire format: magic byte 0, the schema id (32-bit big-endian), the Avro body.
          const header = Buffer.alloc(5);
          header.writeUInt8(0, 0);
          header.writeUInt32BE(id, 1);
          return Buffer.concat([header, type.toBuffer(value)]);
        };
        await producer.send({ topic, messages: rows.map((row) => ({ key: String(row.id), value: frame(row) })) });
      }
    },
    ready: (context) => `article[data-topic="${context.topicPrefix}.public.customers"] tr.record:nth-child(3)`,
  },
  {
    lab: 9,
    moment: 'Debezium\'s connector and its task RUNNING, its slot active, its first records in Kafka',
    async set(context) {
      if (!context.env.CONNECT_URL) throw new ConfigurationError('the stack runs no Kafka Connect', { hint: 'pnpm stack up --services postgres,kafka,connect' });
      await context.db.query('CREATE SCHEMA debezium');
      await context.db.query(`CREATE TABLE debezium.users (id int PRIMARY KEY, name text NOT NULL)`);
      await context.db.query(`INSERT INTO debezium.users VALUES (1, 'Ada'), (2, 'Grace')`);
      const program = reference(context, ['run']);
      context.cleanups.push(async () => {
        await program.stop();
        const removal = reference(context, ['delete', '--drop-slot']);
        await removal.waitForExit({ timeoutMs: 60_000 }).catch(() => removal.kill());
      });
      await program.waitForLine(/^Connector '.*' is RUNNING/, { timeoutMs: 120_000 });
      // Two rows came from the snapshot (op r); this one streams (op c).
      await context.db.query(`INSERT INTO debezium.users VALUES (3, 'Katherine')`);
    },
    ready: (context) => `article[data-topic="${context.topicPrefix}.debezium.users"] tr.record:nth-child(3)`,
  },
];

async function takeScene(scene: Scene, env: StackEnv, page: Page): Promise<string> {
  const lab = findLab(loadManifest(), String(scene.lab));
  const suffix = crypto.randomBytes(3).toString('hex');
  const id = `lab${lab.number}_${suffix}`;
  // The database takes the graders' naming, so a run killed half-way is tidied by the next test run.
  const db = await TestDatabase.create(env.DATABASE_URL!, testNames(0, `observe ${id}`).database);
  const context: SceneContext = {
    lab, env, id, db, page,
    slot: id,
    publication: `${id}_pub`,
    topicPrefix: id.replaceAll('_', '-'),
    kafka: env.KAFKA_BROKERS ? new TestKafka(env.KAFKA_BROKERS.split(','), id.replaceAll('_', '-')) : undefined,
    stateDir: fs.mkdtempSync(path.join(os.tmpdir(), `observe-${id}-`)),
    cleanups: [],
  };
  const server = await startObserveServer(env, { only: id });
  try {
    // The page first: it charts the WAL written each second from the moment it opens.
    await page.goto(`${server.url}?lab=${lab.number}`);
    await page.waitForSelector('#insert-lsn', { timeout: 30_000 });
    await scene.set(context);
    await page.waitForSelector(scene.ready(context), { timeout: 60_000 });
    // Two more snapshots, so every part of the page shows the same moment; a service that did
    // not answer (Kafka Connect restarting under another run) gets a little time to come back.
    await page.waitForTimeout(2_500);
    await page.waitForFunction(() => document.querySelector('.problem') === null, undefined, { timeout: 30_000 }).catch(() => {});
    const file = path.join(IMAGES, `observe-${path.basename(lab.dir)}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } finally {
    for (const cleanup of context.cleanups.reverse()) await cleanup().catch(() => {});
    await server.close();
    await context.kafka?.cleanup().catch(() => {});
    await db.drop().catch(() => {});
    fs.rmSync(context.stateDir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  process.env.CDC_LAB_RUN_PID = String(process.pid);
  const wanted = argv.filter((arg) => arg !== '--').map((arg) => findLab(loadManifest(), arg).number);
  const scenes = SCENES.filter((scene) => wanted.length === 0 || wanted.includes(scene.lab));
  const env = observedStackEnv();
  fs.mkdirSync(IMAGES, { recursive: true });
  const browser = await launchChromium();
  let failed = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 }, deviceScaleFactor: 1 });
    for (const scene of scenes) {
      console.log(`lab ${scene.lab}: ${scene.moment}`);
      try {
        const file = await takeScene(scene, env, page);
        console.log(colour.green(`  ✔ ${path.relative(repoRoot(), file)}`));
      } catch (error) {
        failed += 1;
        console.log(colour.red(`  ✘ ${(error as Error).message.split('\n')[0]}`));
      }
    }
  } finally {
    await browser.close();
  }
  if (failed > 0) throw new ConfigurationError(`${failed} screenshot(s) could not be taken`, { hint: 'the stack must run the services of those labs: pnpm stack status' });
}

await runMain(() => main(process.argv.slice(2)));
