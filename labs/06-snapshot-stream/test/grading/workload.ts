import { commitRecordOf, commitTransaction, confirmsTransaction, slotState, type Random, type TestDatabase } from '@cdc-lab/grading';

/** The graded table: an integer key, a text and a number, so that every change is visible in the row. */
export async function createItems(db: TestDatabase, rows: number): Promise<void> {
  await db.query('CREATE TABLE public.items (id bigserial PRIMARY KEY, v text NOT NULL, n integer NOT NULL)');
  await db.query(`INSERT INTO public.items (v, n) SELECT 'row ' || g, g FROM generate_series(1, $1::int) AS g`, [rows]);
  await db.query('ANALYZE public.items');
  // The grader's own marker table: a row written here at the end says "everything before is in the WAL".
  await db.query('CREATE TABLE public.grader_sentinel (id bigserial PRIMARY KEY)');
}

/**
 * Inserts, updates and deletes of random rows, one autocommit transaction each, until stopped:
 * the changes that race the snapshot. Seeded, so a failure replays with the same choices.
 */
export class Writer {
  private stopped = false;
  private running: Promise<void> | null = null;
  readonly counts = { inserts: 0, updates: 0, deletes: 0 };

  constructor(private readonly db: TestDatabase, private readonly random: Random, private readonly maxId: number) {}

  start(): this {
    this.running = this.loop();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const roll = this.random.next();
      const id = this.random.int(1, this.maxId);
      if (roll < 0.3) {
        await this.db.query(`INSERT INTO public.items (v, n) VALUES ('inserted', $1)`, [this.random.int(0, 1_000_000)]);
        this.counts.inserts += 1;
      } else if (roll < 0.8) {
        await this.db.query(`UPDATE public.items SET v = 'updated', n = $2 WHERE id = $1`, [id, this.random.int(0, 1_000_000)]);
        this.counts.updates += 1;
      } else {
        await this.db.query('DELETE FROM public.items WHERE id = $1', [id]);
        this.counts.deletes += 1;
      }
    }
  }
}

/**
 * Wait until the program has confirmed everything committed so far: commit a sentinel row and
 * wait for the slot to confirm that transaction — past the start of its commit record, which
 * is what makes a restart skip it. A position read inside the transaction would not do: a
 * keepalive may carry the confirmed position past it while the sentinel is still being
 * written. The program confirms a transaction only after Kafka acknowledged it, so from then
 * on the topic holds every change.
 */
export async function waitUntilStreamed(db: TestDatabase, slot: string, timeoutMs = 90_000): Promise<boolean> {
  const sentinel = await commitRecordOf(db, await commitTransaction(db, async (client) => {
    await client.query('INSERT INTO public.grader_sentinel DEFAULT VALUES');
  }));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (confirmsTransaction((await slotState(db, slot))?.confirmedFlushLsn, sentinel)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export async function tableRows(db: TestDatabase): Promise<Map<string, string>> {
  const result = await db.query<{ id: string; v: string; n: number }>('SELECT id::text AS id, v, n FROM public.items');
  return new Map(result.rows.map((row) => [row.id, `${row.v}|${row.n}`]));
}
