import { Lsn } from '@cdc-lab/common';

/** The slot's confirmed position, as Postgres knows it. */
export async function confirmedFlushLsn(db: { query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }, slot: string): Promise<Lsn | null> {
  const result = await db.query<{ confirmed_flush_lsn: string | null }>(
    'SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  const lsn = result.rows[0]?.confirmed_flush_lsn;
  return lsn ? Lsn.parse(lsn) : null;
}

/** Wait until the slot is no longer read (a killed bridge's walsender notices the dead socket). */
export async function waitForSlotReleased(db: { query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }, slot: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await db.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    if (!result.rows[0]?.active) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Queryable = { query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> };

/**
 * A test_decoding slot of the grader's own, beside the bridge's: it tells exactly where each
 * transaction's commit record ends (the LSN of its COMMIT line), which no timing can blur —
 * the WAL of other databases moves on meanwhile. It is dropped with the stage's database.
 */
export class CommitWatch {
  private constructor(private readonly db: Queryable, readonly slot: string) {}

  static async create(db: Queryable, slot: string): Promise<CommitWatch> {
    await db.query("SELECT pg_create_logical_replication_slot($1, 'test_decoding')", [slot]);
    return new CommitWatch(db, slot);
  }

  /** Where transaction `xid`'s commit record ends. */
  async commitEnd(xid: string): Promise<Lsn> {
    const result = await this.db.query<{ lsn: string }>(
      "SELECT lsn::text FROM pg_logical_slot_peek_changes($1, NULL, NULL) WHERE xid::text = $2 AND data LIKE 'COMMIT%'", [this.slot, xid]);
    const lsn = result.rows[0]?.lsn;
    if (!lsn) throw new Error(`the grader's slot ${this.slot} has no COMMIT of transaction ${xid}`);
    return Lsn.parse(lsn);
  }
}
