import pg from 'pg';
import { maskUrl } from './mask.ts';
import { matchesOnly, walLine, type PostgresView, type SenderRow, type SlotRow } from './model.ts';

/**
 * Postgres as the page sees it: SELECTs on catalog views only, on one connection kept open.
 * The session is read-only (default_transaction_read_only), so a slip here could not change
 * anything even if it tried.
 */
export class PostgresReader {
  private client: pg.Client | undefined;

  constructor(private readonly url: string) {}

  /** `only`: show only the slots whose name contains it. */
  async read(only?: string): Promise<PostgresView> {
    const client = await this.connected();
    try {
      const wal = await client.query<{ insert_lsn: string; flush_lsn: string }>(
        'SELECT pg_current_wal_insert_lsn()::text AS insert_lsn, pg_current_wal_lsn()::text AS flush_lsn');
      const slots = await client.query<SlotRow>(
        `SELECT slot_name::text, database::text, plugin::text, slot_type, active, active_pid, wal_status,
                restart_lsn::text, confirmed_flush_lsn::text
           FROM pg_replication_slots ORDER BY slot_name`);
      const senders = await client.query<SenderRow>(
        `SELECT pid, state, sent_lsn::text, write_lsn::text, flush_lsn::text, replay_lsn::text FROM pg_stat_replication`);
      const row = wal.rows[0]!;
      const shown = slots.rows.filter((slot) => matchesOnly(slot.slot_name, only));
      return walLine(row.insert_lsn, row.flush_lsn, shown, senders.rows, maskUrl(this.url));
    } catch (error) {
      // A dropped connection (Postgres restarted by a crash test) is opened again next time.
      await this.close();
      throw error;
    }
  }

  private async connected(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'cdc-lab observe',
      options: '-c default_transaction_read_only=on',
      connectionTimeoutMillis: 3_000,
      query_timeout: 5_000,
    });
    client.on('error', () => void this.close());
    await client.connect();
    this.client = client;
    return client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
