/**
 * What the benchmark asks every pipeline to carry. Each workload is generated inside Postgres
 * (a procedure that commits as it goes), so making a million changes takes seconds and costs
 * the contenders nothing: they only ever see the WAL it leaves.
 *
 *   backlog          changes waiting in the slot, in rounds of 1,000 one-row transactions,
 *                    100 ten-row transactions and one 1,000-row transaction: per-transaction
 *                    overhead and per-change cost in one figure
 *   big-transaction  the same rows in a single transaction: nothing reaches a consumer before
 *                    its commit, and a pipeline that holds a transaction in memory shows it
 *   toast            rows with a 32 KiB text value stored out of line (TOAST)
 *   steady           one-row transactions at a fixed rate while the pipeline runs: latency
 *                    from commit to the broker, not throughput
 */
export const WORKLOAD_NAMES = ['backlog', 'big-transaction', 'toast', 'steady'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export const ITEMS_TABLE = 'bench_items';
export const DOCS_TABLE = 'bench_docs';
/** One row, inserted last: its event arriving means everything before it has (see drain.ts). */
export const SENTINEL_TABLE = 'bench_end';

/** One round of the backlog: 1,000 × 1 + 100 × 10 + 1 × 1,000 rows. */
export const ROUND = { changes: 3_000, transactions: 1_101 } as const;
export const TOAST_VALUE_BYTES = 32 * 1024;
export const TOAST_ROWS_PER_TRANSACTION = 10;

export interface WorkloadSizes {
  /** Changes in the backlog and in the big transaction (the backlog rounds up to whole rounds). */
  changes: number;
  toastRows: number;
  steadyRatePerSecond: number;
  steadySeconds: number;
}

export const QUICK_SIZES: WorkloadSizes = { changes: 30_000, toastRows: 300, steadyRatePerSecond: 200, steadySeconds: 5 };
export const FULL_SIZES: WorkloadSizes = { changes: 1_000_000, toastRows: 10_000, steadyRatePerSecond: 1_000, steadySeconds: 30 };

/** What a workload made: what every contender must deliver. */
export interface WorkloadShape {
  table: string;
  /** Row changes in the workload's table (the sentinel not counted). */
  changes: number;
  /** Transactions, the sentinel's included (lab 3 prints one COMMIT line for each). */
  transactions: number;
}

export function backlogShape(sizes: WorkloadSizes): WorkloadShape {
  const rounds = Math.max(1, Math.ceil(sizes.changes / ROUND.changes));
  return { table: ITEMS_TABLE, changes: rounds * ROUND.changes, transactions: rounds * ROUND.transactions + 1 };
}

export function bigTransactionShape(sizes: WorkloadSizes): WorkloadShape {
  return { table: ITEMS_TABLE, changes: sizes.changes, transactions: 2 };
}

export function toastShape(sizes: WorkloadSizes): WorkloadShape {
  const transactions = Math.ceil(sizes.toastRows / TOAST_ROWS_PER_TRANSACTION);
  return { table: DOCS_TABLE, changes: transactions * TOAST_ROWS_PER_TRANSACTION, transactions: transactions + 1 };
}

export function steadyShape(sizes: WorkloadSizes): WorkloadShape {
  const changes = Math.round(sizes.steadyRatePerSecond * sizes.steadySeconds);
  return { table: ITEMS_TABLE, changes, transactions: changes + 1 };
}

export function shapeOf(workload: WorkloadName, sizes: WorkloadSizes): WorkloadShape {
  switch (workload) {
    case 'backlog': return backlogShape(sizes);
    case 'big-transaction': return bigTransactionShape(sizes);
    case 'toast': return toastShape(sizes);
    case 'steady': return steadyShape(sizes);
  }
}

/** The tables, and the procedures that fill them (each COMMIT inside ends one transaction). */
export const SCHEMA_SQL = `
CREATE TABLE ${ITEMS_TABLE} (
  id bigint PRIMARY KEY,
  account integer NOT NULL,
  amount numeric(12, 2) NOT NULL,
  note text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ${DOCS_TABLE} (id bigint PRIMARY KEY, title text NOT NULL, body text NOT NULL);
-- Out of line and uncompressed: every body really is a TOAST value of ${TOAST_VALUE_BYTES} bytes.
ALTER TABLE ${DOCS_TABLE} ALTER COLUMN body SET STORAGE EXTERNAL;
CREATE TABLE ${SENTINEL_TABLE} (id integer PRIMARY KEY, finished_at timestamptz NOT NULL DEFAULT now());

CREATE FUNCTION bench_insert_items(first_id bigint, row_count integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO ${ITEMS_TABLE} (id, account, amount, note)
  SELECT g, (g % 1000)::integer, (g % 100000) / 100.0, 'item ' || g
  FROM generate_series(first_id, first_id + row_count - 1) AS g
$$;

CREATE PROCEDURE bench_backlog(rounds integer) LANGUAGE plpgsql AS $$
DECLARE
  next_id bigint := 1;
BEGIN
  FOR round IN 1..rounds LOOP
    FOR i IN 1..1000 LOOP
      PERFORM bench_insert_items(next_id, 1); next_id := next_id + 1; COMMIT;
    END LOOP;
    FOR i IN 1..100 LOOP
      PERFORM bench_insert_items(next_id, 10); next_id := next_id + 10; COMMIT;
    END LOOP;
    PERFORM bench_insert_items(next_id, 1000); next_id := next_id + 1000; COMMIT;
  END LOOP;
END $$;

CREATE PROCEDURE bench_toast(transactions integer) LANGUAGE plpgsql AS $$
BEGIN
  FOR t IN 0..transactions - 1 LOOP
    INSERT INTO ${DOCS_TABLE} (id, title, body)
    SELECT t * ${TOAST_ROWS_PER_TRANSACTION} + r, 'doc ' || (t * ${TOAST_ROWS_PER_TRANSACTION} + r),
           (SELECT string_agg(md5(random()::text || t || r || i), '') FROM generate_series(1, ${TOAST_VALUE_BYTES / 32}) AS i)
    FROM generate_series(1, ${TOAST_ROWS_PER_TRANSACTION}) AS r;
    COMMIT;
  END LOOP;
END $$;
`;
