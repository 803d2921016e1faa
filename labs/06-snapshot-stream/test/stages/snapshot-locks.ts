import { check, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { createItems } from '../grading/workload.ts';

const ROWS = 20_000;
const docs = 'docs/06-snapshot-stream.md#no-locks-beyond-a-select';

/**
 * While the snapshot reads (small chunks, so that it takes a while), poll pg_locks: the table
 * may be locked only in ACCESS SHARE mode, the lock every SELECT takes, which blocks nothing
 * but DDL. Seeing that ACCESS SHARE lock at least once proves the polls fell inside the
 * snapshot transaction.
 */
export const snapshotLocks: Stage = {
  slug: 'snapshot-locks',
  title: 'The snapshot takes no lock stronger than a SELECT\'s',
  docs,
  timeoutMs: 120_000,
  async run(ctx) {
    await createItems(ctx.db, ROWS);
    const program = ctx.start({ args: ['--chunk-size', '100'] });
    const seen = new Set<string>();
    const done = program.waitForLine(lineFormats.snapshotComplete.pattern, { timeoutMs: 90_000, what: 'the snapshot to complete', docs });
    let finished = false;
    void done.then(() => (finished = true), () => (finished = true));
    while (!finished && !program.hasExited) {
      const locks = await ctx.db.query<{ mode: string }>(
        // Client backends only: autovacuum takes SHARE UPDATE EXCLUSIVE on its own, and that is not the program.
        `SELECT l.mode FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.relation = 'public.items'::regclass AND l.pid <> pg_backend_pid() AND l.granted AND a.backend_type = 'client backend'`);
      for (const lock of locks.rows) seen.add(lock.mode);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await done;
    const stronger = [...seen].filter((mode) => mode !== 'AccessShareLock');
    check(stronger.length === 0, {
      expected: 'only AccessShareLock on public.items while the snapshot runs',
      got: `${[...seen].join(', ')}\n${program.transcript()}`,
      hint: 'the exported snapshot makes the read consistent by itself: do not LOCK TABLE, and read with plain SELECTs',
      docs,
    });
    check(seen.has('AccessShareLock'), {
      expected: 'the snapshot transaction to hold AccessShareLock on public.items while it reads (one transaction for the whole snapshot)',
      got: 'no lock on public.items seen during the snapshot',
      hint: 'read every chunk inside the one REPEATABLE READ transaction that imported the snapshot',
      docs,
    });
  },
};
