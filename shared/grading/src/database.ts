import pg from 'pg';
import { isProcessAlive } from '@cdc-lab/harness';
import { ownerOf, RUN_PREFIX } from './names.ts';

/** Quote an identifier for SQL: graders build names at run time, so never splice them raw. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The same server URL, pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * A database of its own for one test. Slots belong to a database and a slot left behind keeps
 * WAL forever, so `drop` removes the database's slots first — terminating whatever still
 * streams from them — and only then the database.
 */
export class TestDatabase {
  private readonly pool: pg.Pool;

  private constructor(readonly name: string, readonly url: string, private readonly adminUrl: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // A server restart (lab 5's crash test) drops idle connections; that is not a test failure.
    this.pool.on('error', () => {});
  }

  /**
   * `encoding` makes a database in another server encoding (SQL_ASCII: bytes stored as they
   * come, valid UTF-8 or not), from template0 with the C locale, which every encoding accepts.
   */
  static async create(adminUrl: string, name: string, { encoding }: { encoding?: 'SQL_ASCII' | 'LATIN1' } = {}): Promise<TestDatabase> {
    const options = encoding ? ` ENCODING '${encoding}' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0` : '';
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}${options}`));
    return new TestDatabase(name, withDatabase(adminUrl, name), adminUrl);
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  /** Run statements in one transaction on one connection. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** A connection of its own, for sessions that must stay open (a long transaction, a lock). */
  async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => {});
    await client.connect();
    return client;
  }

  async slots(): Promise<{ slot_name: string; plugin: string; active: boolean; confirmed_flush_lsn: string | null }[]> {
    const result = await this.query<{ slot_name: string; plugin: string; active: boolean; confirmed_flush_lsn: string | null }>(
      'SELECT slot_name, plugin, active, confirmed_flush_lsn::text FROM pg_replication_slots WHERE database = current_database() ORDER BY slot_name',
    );
    return result.rows;
  }

  async drop(): Promise<void> {
    await this.pool.end().catch(() => {});
    await dropDatabase(this.adminUrl, this.name);
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drop a database and every replication slot in it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    // Drop slots until none is left: a walsender may still hold one for a moment after its
    // client went away, so terminate and retry rather than fail the test run.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const slots = await client.query<{ slot_name: string; active_pid: number | null }>(
        'SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1', [name]);
      if (slots.rowCount === 0) break;
      for (const slot of slots.rows) {
        if (slot.active_pid !== null) await client.query('SELECT pg_terminate_backend($1)', [slot.active_pid]);
        await client.query('SELECT pg_drop_replication_slot($1)', [slot.slot_name]).catch(() => {});
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}

/**
 * Remove databases (and their slots) left by earlier test runs that were killed before they
 * could clean up: their names carry the pid of a run that no longer exists.
 */
export async function dropAbandonedDatabases(adminUrl: string): Promise<string[]> {
  const names = await withClient(adminUrl, async (client) => {
    const result = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${RUN_PREFIX}%`]);
    return result.rows.map((row) => row.datname);
  });
  const abandoned = names.filter((name) => {
    const owner = ownerOf(name);
    return owner !== undefined && !isProcessAlive(owner);
  });
  for (const name of abandoned) await dropDatabase(adminUrl, name);
  // Physical slots belong to no database: a stage that reserved WAL with one and was killed
  // leaves it behind, holding WAL for ever. Inactive ones of dead runs go too.
  const slots = await withClient(adminUrl, async (client) => {
    const result = await client.query<{ slot_name: string }>(
      "SELECT slot_name FROM pg_replication_slots WHERE slot_type = 'physical' AND NOT active AND slot_name LIKE $1", [`${RUN_PREFIX}%`]);
    return result.rows.map((row) => row.slot_name);
  });
  for (const slot of slots) {
    const owner = ownerOf(slot);
    if (owner === undefined || isProcessAlive(owner)) continue;
    await withClient(adminUrl, (client) => client.query('SELECT pg_drop_replication_slot($1)', [slot])).catch(() => {});
    abandoned.push(slot);
  }
  return abandoned;
}

/**
 * Keep the WAL from now on until `release` is called: a physical slot that reserves WAL at once.
 * For a stage that reads a WAL range after other work, while other tests fill the WAL and a
 * checkpoint could recycle the segment in between.
 */
export async function reserveWal(db: TestDatabase, name: string): Promise<{ release(): Promise<void> }> {
  await db.query('SELECT pg_create_physical_replication_slot($1, true)', [name]);
  return { release: () => db.query('SELECT pg_drop_replication_slot($1)', [name]).then(() => undefined) };
}

/**
 * A connection string with a server setting for the session, as libpq's `options` parameter:
 * how a grader gives one program a short wal_sender_timeout without changing the server's.
 */
export function withServerSetting(url: string, name: string, value: string): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c ${name}=${value}`)}`;
}
