import pg from 'pg';

export interface LoadReport {
  sent: number;
  /** How far behind its schedule the generator ever was: above a few ms, it was the bottleneck. */
  maxLagMs: number;
}

/**
 * An open-loop load: the i-th one-row transaction is sent at start + i / rate, whether or not
 * earlier ones have finished — the way real clients arrive, so that a slow pipeline cannot
 * slow the load down and hide its own latency. A few connections keep one slow commit from
 * holding up those behind it.
 */
export async function runSteadyLoad(databaseUrl: string, ratePerSecond: number, count: number): Promise<LoadReport> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const pending: Promise<unknown>[] = [];
  let maxLagMs = 0;
  const start = performance.now();
  try {
    for (let i = 0; i < count; i += 1) {
      const due = start + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      maxLagMs = Math.max(maxLagMs, performance.now() - due);
      pending.push(pool.query('SELECT bench_insert_items($1, 1)', [i + 1]));
    }
    await Promise.all(pending);
  } finally {
    await pool.end();
  }
  return { sent: count, maxLagMs };
}
