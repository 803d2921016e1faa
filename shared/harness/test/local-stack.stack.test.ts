/**
 * The local provider's life cycle, on a private stack in a folder of its own (so the shared
 * stack other tests use is never restarted under them): start, start again, restart with the
 * same data, stop leaving no process, no data and so no slot behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureStack, readState, restartService, stackStatus, stopStack } from '../src/index.ts';
import { isProcessAlive } from '../src/state.ts';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-private-stack-'));
fs.chmodSync(stateDir, 0o755);
const env = { ...process.env, CDC_LAB_PROVIDER: 'local', DATABASE_URL: undefined };
const options = { stateDir, env };

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await stopStack(options).catch(() => {});
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe('the local provider', () => {
  let first: Awaited<ReturnType<typeof ensureStack>>;

  it('starts Postgres with logical decoding and Kafka, and records them', async () => {
    first = await ensureStack(['postgres', 'kafka'], options);
    expect(first.provider).toBe('local');
    expect(first.started).toEqual(['postgres', 'kafka']);
    const [settings] = await sql<{ wal_level: string; max_replication_slots: string }>(first.env.DATABASE_URL!,
      "SELECT current_setting('wal_level') AS wal_level, current_setting('max_replication_slots') AS max_replication_slots");
    expect(settings).toEqual({ wal_level: 'logical', max_replication_slots: '64' });
    expect(readState(stateDir)?.services.kafka?.pid).toBeGreaterThan(0);
  }, 120_000);

  it('survives being asked twice: nothing restarts, the same addresses come back', async () => {
    const second = await ensureStack(['postgres', 'kafka'], options);
    expect(second.started).toEqual([]);
    expect(second.env).toEqual(first.env);
  });

  it('restarts Postgres and Kafka with their data and addresses', async () => {
    await sql(first.env.DATABASE_URL!, 'CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1)');
    await sql(first.env.DATABASE_URL!, "SELECT pg_create_logical_replication_slot('kept_slot', 'test_decoding')");
    const kafka = new Kafka({ brokers: first.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept-topic' }], waitForLeaders: true });
    await admin.disconnect();

    await restartService('postgres', { stateDir });
    await restartService('kafka', { stateDir });

    expect(await sql(first.env.DATABASE_URL!, 'SELECT id FROM kept')).toEqual([{ id: 1 }]);
    expect(await sql(first.env.DATABASE_URL!, "SELECT slot_name FROM pg_replication_slots")).toEqual([{ slot_name: 'kept_slot' }]);
    const again = kafka.admin();
    await again.connect();
    expect(await again.listTopics()).toContain('kept-topic');
    await again.disconnect();
    const status = await stackStatus({ stateDir });
    expect(status?.services.every((service) => service.running)).toBe(true);
  }, 120_000);

  it('stops everything: no process, no data directory, so no slot left holding WAL', async () => {
    const state = readState(stateDir)!;
    const pids = [state.services.postgres!.pid!, state.services.kafka!.pid!];
    const dataDir = state.services.postgres!.endpoint.dataDir!;
    await stopStack(options);
    for (const pid of pids) expect(isProcessAlive(pid)).toBe(false);
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(readState(stateDir)).toBeUndefined();
    expect(await stopStack(options)).toBeUndefined();
  }, 60_000);
});

describe('stopping Postgres under a replication client that never confirms', () => {
  it('does not wait for the client: down is quick, and a restart escalates instead of hanging', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-stubborn-'));
    fs.chmodSync(dir, 0o755);
    const stubborn = { stateDir: dir, env };
    try {
      const stack = await ensureStack(['postgres'], stubborn);
      await sql(stack.env.DATABASE_URL!, "SELECT pg_create_logical_replication_slot('held', 'test_decoding')");
      // A client that streams and never sends a status update: the walsender can never finish.
      const client = new pg.Client({ connectionString: stack.env.DATABASE_URL, replication: 'database' } as pg.ClientConfig);
      client.on('error', () => {});
      await client.connect();
      void client.query('START_REPLICATION SLOT "held" LOGICAL 0/0').catch(() => {});
      await sql(stack.env.DATABASE_URL!, 'CREATE TABLE t (id int); INSERT INTO t VALUES (1)');

      const started = Date.now();
      await restartService('postgres', { stateDir: dir });
      expect(await sql(stack.env.DATABASE_URL!, 'SELECT id FROM t')).toEqual([{ id: 1 }]);
      const restartMs = Date.now() - started;
      expect(restartMs).toBeLessThan(45_000);

      const stopping = Date.now();
      await stopStack(stubborn);
      expect(Date.now() - stopping).toBeLessThan(10_000);
      await client.end().catch(() => {});
    } finally {
      await stopStack(stubborn).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
