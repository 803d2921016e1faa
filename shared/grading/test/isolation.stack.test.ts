/**
 * What every grader relies on: each test gets its own database, and whatever slots a test
 * made are gone afterwards — even a slot a program was still streaming from, and even when
 * the run that made it was killed before it could clean up.
 */
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { dropAbandonedDatabases, TestDatabase, withDatabase } from '../src/database.ts';
import { testNames } from '../src/names.ts';

const adminUrl = inject('stackEnv').DATABASE_URL!;

async function slotsNamed(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [name])).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Hold a slot the way a lab program does: a replication connection streaming from it. */
async function streamFrom(url: string, slot: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, replication: 'database' } as pg.ClientConfig);
  client.on('error', () => {});
  await client.connect();
  void client.query(`START_REPLICATION SLOT "${slot}" LOGICAL 0/0`).catch(() => {});
  return client;
}

describe('test isolation', () => {
  it('drops a test database together with its slots, including one in active use', async () => {
    const names = testNames(0, 'isolation');
    const db = await TestDatabase.create(adminUrl, names.database);
    await db.query("SELECT pg_create_logical_replication_slot($1, 'test_decoding')", [names.slot]);
    const streaming = await streamFrom(db.url, names.slot);
    await expect.poll(async () => (await db.slots())[0]?.active, { timeout: 5_000 }).toBe(true);

    await db.drop();
    await streaming.end().catch(() => {});
    expect(await slotsNamed(names.slot)).toBe(0);
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const left = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [names.database]);
    await client.end();
    expect(left.rowCount).toBe(0);
  });

  it('removes what a killed run left behind, and only that', async () => {
    const deadRun = `g999999_l0_abandoned_${Date.now() % 100000}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE "${deadRun}"`);
    await client.end();
    const orphan = new pg.Client({ connectionString: withDatabase(adminUrl, deadRun) });
    await orphan.connect();
    await orphan.query("SELECT pg_create_logical_replication_slot($1, 'test_decoding')", [`${deadRun}_slot`]);
    await orphan.end();
    const alive = testNames(0, 'still-running');
    const mine = await TestDatabase.create(adminUrl, alive.database);

    const dropped = await dropAbandonedDatabases(adminUrl);
    expect(dropped).toContain(deadRun);
    expect(dropped).not.toContain(alive.database);
    expect(await slotsNamed(`${deadRun}_slot`)).toBe(0);
    await mine.drop();
  });
});
