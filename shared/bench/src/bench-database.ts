import pg from 'pg';
import { PostgresSetupError } from '@cdc-lab/common';
import { backlogShape, bigTransactionShape, ITEMS_TABLE, DOCS_TABLE, SCHEMA_SQL, SENTINEL_TABLE, toastShape, TOAST_ROWS_PER_TRANSACTION, type WorkloadName, type WorkloadShape, type WorkloadSizes } from './workloads.ts';

export const BENCH_DATABASE = 'cdc_lab_bench';
export const BENCH_PUBLICATION = 'cdc_lab_bench';

export type DecodingPlugin = 'pgoutput' | 'test_decoding';

/**
 * The benchmark's own database on the bench stack's server: made afresh for every workload
 * run, so each run starts from empty tables, no slots and no leftover WAL to decode.
 */
export class BenchDatabase {
  private observer: pg.Client | undefined;

  private constructor(readonly url: string, private readonly adminUrl: string) {}

  static async create(adminUrl: string): Promise<BenchDatabase> {
    const url = new URL(adminUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    const database = new BenchDatabase(url.toString(), adminUrl);
    await database.recreate();
    return database;
  }

  /** Drop everything of an earlier run (its slots first: they pin the database) and start over. */
  async recreate(): Promise<void> {
    await this.observer?.end();
    this.observer = undefined;
    await withClient(this.adminUrl, async (client) => {
      const slots = await client.query<{ slot_name: string; active_pid: number | null }>(
        'SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1', [BENCH_DATABASE]);
      for (const slot of slots.rows) {
        if (slot.active_pid) await client.query('SELECT pg_terminate_backend($1)', [slot.active_pid]);
        await dropSlotWhenReleased(client, slot.slot_name);
      }
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(BENCH_DATABASE)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdentifier(BENCH_DATABASE)}`);
    });
    await this.query(SCHEMA_SQL);
    await this.query(`CREATE PUBLICATION ${quoteIdentifier(BENCH_PUBLICATION)} FOR TABLE ${[ITEMS_TABLE, DOCS_TABLE, SENTINEL_TABLE].map(quoteIdentifier).join(', ')}`);
  }

  async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return withClient(this.url, async (client) => (await client.query<T>(text, values)).rows);
  }

  /** A slot made now holds every change from here on: the backlog a contender will drain. */
  async createSlot(name: string, plugin: DecodingPlugin): Promise<void> {
    await this.query('SELECT pg_create_logical_replication_slot($1, $2)', [name, plugin]);
  }

  async dropSlot(name: string): Promise<void> {
    await withClient(this.url, (client) => dropSlotWhenReleased(client, name));
  }

  /** The walsender reading a slot, once a contender has started replication on it. */
  async slotReader(name: string): Promise<number | undefined> {
    // Polled every few milliseconds while a contender starts: one connection kept open for it.
    if (!this.observer) {
      this.observer = new pg.Client({ connectionString: this.url });
      await this.observer.connect();
    }
    const rows = (await this.observer.query<{ active_pid: number | null }>('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [name])).rows;
    if (rows.length === 0) throw new PostgresSetupError(`the bench slot '${name}' is gone`);
    return rows[0]!.active_pid ?? undefined;
  }

  /** Make a backlog workload's changes, then the sentinel row; returns where the WAL then ends. */
  async generate(workload: Exclude<WorkloadName, 'steady'>, sizes: WorkloadSizes): Promise<{ shape: WorkloadShape; endLsn: string }> {
    // Asynchronous commit: the generator does not wait for each commit's flush. What the
    // contenders decode is the same WAL either way.
    const shape = await withClient(this.url, async (client) => {
      await client.query('SET synchronous_commit = off');
      switch (workload) {
        case 'backlog': {
          const shape = backlogShape(sizes);
          await client.query(`CALL bench_backlog(${Math.round(shape.changes / 3000)})`);
          return shape;
        }
        case 'big-transaction': {
          const shape = bigTransactionShape(sizes);
          await client.query('SELECT bench_insert_items(1, $1)', [shape.changes]);
          return shape;
        }
        case 'toast': {
          const shape = toastShape(sizes);
          await client.query(`CALL bench_toast(${shape.changes / TOAST_ROWS_PER_TRANSACTION})`);
          return shape;
        }
      }
    });
    return { shape, endLsn: await this.insertSentinel() };
  }

  /** The last transaction of every workload; returns the end of the WAL just after its commit. */
  async insertSentinel(): Promise<string> {
    return withClient(this.url, async (client) => {
      await client.query(`INSERT INTO ${quoteIdentifier(SENTINEL_TABLE)} (id) VALUES (1)`);
      const rows = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
      return rows.rows[0]!.lsn;
    });
  }

  async close(): Promise<void> {
    await this.observer?.end();
    this.observer = undefined;
    await withClient(this.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(BENCH_DATABASE)} WITH (FORCE)`));
  }
}

async function dropSlotWhenReleased(client: pg.Client, name: string): Promise<void> {
  // A client that has just stopped may still hold the slot for a moment (its walsender exits
  // after the connection closes): wait for it, and end it if it outstays its welcome.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await client.query<{ active_pid: number | null }>('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [name]);
    if (rows.rows.length === 0) return;
    const pid = rows.rows[0]!.active_pid;
    if (pid === null) break;
    if (Date.now() > deadline) await client.query('SELECT pg_terminate_backend($1)', [pid]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await client.query('SELECT pg_drop_replication_slot($1)', [name]);
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

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
