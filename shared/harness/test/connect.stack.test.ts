/**
 * Kafka Connect with the Debezium PostgreSQL connector on the local provider, on a private
 * stack in a folder of its own: the worker starts and lists the connector, a connector
 * snapshots a row and then streams an insert into Kafka, and nothing is left afterwards —
 * no worker process, no replication slot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStack, stopStack, type HttpEndpoint, type ServiceRecord, type StackServices } from '../src/index.ts';
import { isProcessAlive } from '../src/state.ts';
import { connectService, DEBEZIUM_VERSION, POSTGRES_CONNECTOR_CLASS } from '../src/local/connect.ts';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-connect-stack-'));
fs.chmodSync(stateDir, 0o755);
const env = { ...process.env, CDC_LAB_PROVIDER: 'local', DATABASE_URL: undefined };
const options = { stateDir, env };

const suffix = `${process.pid}_${Date.now().toString(36)}`;
const connectorName = `cdc-lab-test-${suffix}`;
const slotName = `connect_test_${suffix}`;
const publicationName = `connect_test_${suffix}`;
const topicPrefix = `connecttest${suffix.replace(/_/g, '')}`;

let services: StackServices;
let databaseUrl: string;
let connect: ServiceRecord<HttpEndpoint> | undefined;

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function rest(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${connect!.endpoint.url}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  const stack = await ensureStack(['postgres', 'kafka'], options);
  services = stack.services;
  databaseUrl = stack.env.DATABASE_URL!;
}, 120_000);

afterAll(async () => {
  if (connect) await connectService.remove(connect).catch(() => {});
  if (databaseUrl) {
    await sql('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slotName]).catch(() => {});
  }
  await stopStack(options).catch(() => {});
  fs.rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

describe('Kafka Connect with Debezium on the local provider', () => {
  it('refuses to start without Kafka, and says what it needs', async () => {
    const ctx = { stateDir, report: () => {} };
    await expect(connectService.start(ctx, { postgres: services.postgres })).rejects.toThrow(/needs a running Kafka/);
  });

  it('starts a worker that lists the Debezium PostgreSQL connector', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const ctx = { stateDir, report: (line: string) => lines.push(`+${Date.now() - started} ms ${line}`) };
    connect = (await connectService.start(ctx, services)) as ServiceRecord<HttpEndpoint>;
    console.log(`[connect] ${[...lines, `+${Date.now() - started} ms ready`].join('\n[connect] ')}`);

    expect(connect.endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Connect 4.3.0, the release Debezium 3.6 is built against, on the 4.1.2 broker (see KAFKA_CONNECT_VERSION).
    expect(connect.endpoint.version).toBe(`4.3.0 + Debezium ${DEBEZIUM_VERSION}`);
    expect(await connectService.isRunning(connect)).toBe(true);
    const plugins = await rest('GET', '/connector-plugins');
    expect(plugins.body).toContainEqual(expect.objectContaining({ class: POSTGRES_CONNECTOR_CLASS, version: DEBEZIUM_VERSION }));
  }, 120_000);

  it('snapshots a row (op r) and streams an insert (op c) into Kafka', async () => {
    await sql('CREATE TABLE t (id int PRIMARY KEY, name text)');
    await sql("INSERT INTO t VALUES (1, 'before')");
    const postgres = services.postgres!.endpoint;
    const created = await rest('POST', '/connectors', {
      name: connectorName,
      config: {
        'connector.class': POSTGRES_CONNECTOR_CLASS,
        'tasks.max': '1',
        'plugin.name': 'pgoutput',
        'slot.name': slotName,
        'publication.name': publicationName,
        'publication.autocreate.mode': 'filtered',
        'table.include.list': 'public.t',
        'topic.prefix': topicPrefix,
        'snapshot.mode': 'initial',
        'database.hostname': postgres.host,
        'database.port': String(postgres.port),
        'database.user': postgres.user,
        'database.password': postgres.password,
        'database.dbname': postgres.database,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    // The insert must come after the snapshot, or it would be read as part of it (op r).
    const topic = `${topicPrefix}.public.t`;
    const events: Array<{ op: string; after: { id: number; name: string }; source: { connector: string } }> = [];
    const kafka = new Kafka({ brokers: services.kafka!.endpoint.brokers.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `connect-test-${suffix}` });
    await consumer.connect();
    try {
      const admin = kafka.admin();
      await admin.connect();
      await waitFor(async () => (await admin.listTopics()).includes(topic), `topic ${topic} to exist (the snapshot)`);
      await admin.disconnect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value) events.push(JSON.parse(message.value.toString()));
        },
      });
      await waitFor(async () => events.length >= 1, 'the snapshot event');
      await sql("INSERT INTO t VALUES (2, 'after')");
      await waitFor(async () => events.length >= 2, 'the streamed insert');
    } finally {
      await consumer.disconnect();
    }

    expect(events.map((event) => [event.op, event.after])).toEqual([
      ['r', { id: 1, name: 'before' }],
      ['c', { id: 2, name: 'after' }],
    ]);
    for (const event of events) expect(event.source.connector).toBe('postgresql');
  }, 60_000);

  it('deletes the connector; its slot stays until dropped', async () => {
    expect((await rest('DELETE', `/connectors/${connectorName}`)).status).toBe(204);
    // Deleting a connector does not drop its slot: the slot would keep WAL forever.
    await waitFor(async () => (await sql<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slotName]))[0]?.active === false,
      'the slot to be released by the stopped task');
    await sql('SELECT pg_drop_replication_slot($1)', [slotName]);
    await sql(`DROP PUBLICATION IF EXISTS ${publicationName}`);
    expect(await sql('SELECT slot_name FROM pg_replication_slots')).toEqual([]);
  }, 30_000);

  it('stops, restarts on the same address, and is removed leaving no process', async () => {
    const firstPid = connect!.pid!;
    await connectService.stop(connect!);
    expect(isProcessAlive(firstPid)).toBe(false);
    expect(await connectService.isRunning(connect!)).toBe(false);

    const url = connect!.endpoint.url;
    const restarting = Date.now();
    connect = (await connectService.restart(connect!)) as ServiceRecord<HttpEndpoint>;
    console.log(`[connect] restarted with cached jars and plugin in ${Date.now() - restarting} ms`);
    expect(connect.endpoint.url).toBe(url);
    expect(await connectService.isRunning(connect)).toBe(true);

    const pid = connect.pid!;
    await connectService.stop(connect);
    expect(isProcessAlive(pid)).toBe(false);
    await connectService.remove(connect!);
    expect(fs.existsSync(path.join(stateDir, 'connect'))).toBe(false);
    connect = undefined;
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
