import type pg from 'pg';
import { Lsn } from '@cdc-lab/common';
import { commitRecordOf, type CommitRecord, type Random, type TestDatabase } from '@cdc-lab/grading';

/**
 * The graders' workload, and the change list it must produce. Every row carries a version that
 * each update increments, and ids are never reused, so every change has a name of its own:
 *
 *   accounts:7  c1  u2  u3  d  tombstone
 *
 * (create at version 1, two updates, a delete and the tombstone after it). A key's names in
 * the order its records appear in Kafka must be exactly the list the workload committed —
 * a name twice is a duplicate, a name missing is a loss, and two names swapped are out of
 * commit order. Transactions run one after another on one connection, so the order in
 * which they commit is the order in which this model applies them.
 */
export const TABLES = ['accounts', 'orders'] as const;
export type Table = (typeof TABLES)[number];

export interface Step {
  table: Table;
  kind: 'insert' | 'update' | 'delete';
  ids: number[];
}

export interface CommittedTransaction {
  xid: string;
  /**
   * WAL insert positions: before BEGIN, read as the last statement before COMMIT, and after
   * COMMIT. The commit record starts at or after `lsnAtCommit` and ends at or before
   * `lsnAfter`; where exactly, commitRecord says. (The insert position, not pg_current_wal_lsn:
   * that one is where the WAL has been written to, which may lag behind.)
   */
  lsnBefore: Lsn;
  lsnAtCommit: Lsn;
  lsnAfter: Lsn;
  changes: number;
}

/**
 * The transaction's commit record. A slot confirmed past its start skips the transaction on
 * restart, so that start is what a confirmed position is judged against (confirmsTransaction),
 * never the position before BEGIN: a keepalive may put an idle bridge's confirmed position
 * anywhere up to the COMMIT without confirming anything of the transaction.
 */
export function commitRecord(db: TestDatabase, transaction: CommittedTransaction): Promise<CommitRecord> {
  return commitRecordOf(db, { xid: Number(transaction.xid), lsnBefore: transaction.lsnBefore, lsnAtCommit: transaction.lsnAtCommit });
}

export class Workload {
  /** Live rows and their versions, per table. */
  private readonly rows = new Map<Table, Map<number, number>>(TABLES.map((table) => [table, new Map()]));
  /** `table:id` → the names of its records, in commit order. */
  readonly expected = new Map<string, string[]>();
  private nextId = 1;
  committedChanges = 0;
  committedTransactions = 0;
  /** Records (events and tombstones) the committed transactions must produce, per table. */
  readonly recordsPerTable = new Map<Table, number>(TABLES.map((table) => [table, 0]));

  static async createTables(db: { query(sql: string): Promise<unknown> }): Promise<void> {
    for (const table of TABLES) {
      await db.query(`CREATE TABLE IF NOT EXISTS "${table}" (id bigint PRIMARY KEY, version integer NOT NULL, note text NOT NULL)`);
    }
  }

  get expectedRecords(): number {
    return [...this.recordsPerTable.values()].reduce((sum, count) => sum + count, 0);
  }

  /**
   * A transaction of `size` changes over both tables. Per table, in this order: inserts of new
   * ids, updates of live rows (those just inserted included), deletes of live rows (possibly
   * some just updated). No id appears twice in one statement, so the model knows the order
   * of every key's changes.
   */
  plan(random: Random, size: number): Step[] {
    const steps: Step[] = [];
    const shares = splitBetweenTables(random, size);
    for (const table of TABLES) {
      let remaining = shares.get(table) ?? 0;
      if (remaining === 0) continue;
      const live = [...this.rows.get(table)!.keys()];
      const updates = Math.min(live.length, randomRound(random, remaining * 0.5 * random.next()));
      const deletes = Math.min(live.length, randomRound(random, (remaining - updates) * 0.4 * random.next()));
      const inserts = remaining - updates - deletes;
      remaining = 0;
      const inserted = Array.from({ length: inserts }, () => this.nextId++);
      if (inserted.length > 0) steps.push({ table, kind: 'insert', ids: inserted });
      const candidates = [...live, ...inserted];
      if (updates > 0) steps.push({ table, kind: 'update', ids: sample(random, candidates, updates) });
      if (deletes > 0) steps.push({ table, kind: 'delete', ids: sample(random, candidates, deletes) });
    }
    return steps;
  }

  /** Run a planned transaction and, once it has committed, add its changes to the expected list. */
  async commit(client: pg.ClientBase, steps: Step[]): Promise<CommittedTransaction> {
    const before = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    await client.query('BEGIN');
    let xid = '';
    let atCommit: string;
    try {
      xid = (await client.query<{ xid: string }>('SELECT pg_current_xact_id()::xid::text AS xid')).rows[0]!.xid;
      for (const step of steps) await client.query(SQL[step.kind](step.table), [step.ids]);
      atCommit = (await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn;
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    const after = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    let changes = 0;
    for (const step of steps) {
      this.apply(step);
      changes += step.ids.length;
    }
    this.committedChanges += changes;
    this.committedTransactions += 1;
    return { xid, lsnBefore: Lsn.parse(before.rows[0]!.lsn), lsnAtCommit: Lsn.parse(atCommit), lsnAfter: Lsn.parse(after.rows[0]!.lsn), changes };
  }

  private apply(step: Step): void {
    const rows = this.rows.get(step.table)!;
    for (const id of step.ids) {
      const names = this.namesOf(step.table, id);
      if (step.kind === 'insert') {
        rows.set(id, 1);
        names.push('c1');
      } else if (step.kind === 'update') {
        const version = rows.get(id)! + 1;
        rows.set(id, version);
        names.push(`u${version}`);
      } else {
        rows.delete(id);
        names.push('d', 'tombstone');
      }
      this.recordsPerTable.set(step.table, this.recordsPerTable.get(step.table)! + (step.kind === 'delete' ? 2 : 1));
    }
  }

  private namesOf(table: Table, id: number): string[] {
    const key = `${table}:${id}`;
    let names = this.expected.get(key);
    if (!names) this.expected.set(key, (names = []));
    return names;
  }
}

const SQL: Record<Step['kind'], (table: Table) => string> = {
  insert: (table) => `INSERT INTO "${table}" (id, version, note) SELECT id, 1, 'row ' || id FROM unnest($1::bigint[]) AS id`,
  update: (table) => `UPDATE "${table}" SET version = version + 1, note = 'row ' || id || ' v' || (version + 1) WHERE id = ANY($1::bigint[])`,
  delete: (table) => `DELETE FROM "${table}" WHERE id = ANY($1::bigint[])`,
};

function splitBetweenTables(random: Random, size: number): Map<Table, number> {
  if (size === 1) return new Map([[random.pick(TABLES), 1]]);
  const first = Math.round(size * (0.2 + 0.6 * random.next()));
  return new Map([[TABLES[0], first], [TABLES[1], size - first]]);
}

/** 2.3 becomes 3 three times in ten, else 2: small transactions get updates and deletes too. */
function randomRound(random: Random, value: number): number {
  const whole = Math.floor(value);
  return whole + (random.next() < value - whole ? 1 : 0);
}

function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  for (let index = 0; index < count && pool.length > 0; index += 1) {
    const at = random.int(0, pool.length - 1);
    chosen.push(pool[at]!);
    pool[at] = pool[pool.length - 1]!;
    pool.pop();
  }
  return chosen;
}

/** Transaction sizes of the crash test: mostly small, some of about a thousand rows. */
export function transactionSize(random: Random): number {
  const roll = random.next();
  if (roll < 0.4) return 1;
  if (roll < 0.75) return random.int(5, 15);
  if (roll < 0.93) return random.int(60, 140);
  return random.int(800, 1200);
}
