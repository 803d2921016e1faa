import path from 'node:path';
import { check, type Stage } from '@cdc-lab/grading';
import { insertUser } from '../demo-rows.ts';
import { describeRows } from '../poll-output.ts';
import { PollerRun } from '../poller-run.ts';

/**
 * updated_at is stamped when a row is written, but other sessions see the row only when its
 * transaction commits. A long transaction writes "Late", another writes "Early" and commits,
 * the pollers report Early and move their bookmarks past it, then "Late" commits — with an
 * updated_at before the bookmark. Neither bookmark ever looks there again.
 */
export const lateCommit: Stage = {
  slug: 'late-commit',
  title: 'a row committed late with an earlier updated_at is missed, by naive and keyset alike',
  docs: 'docs/01-poller.md#late-commits',
  async run(ctx) {
    const keyset = PollerRun.start(ctx, { stateDir: path.join(ctx.stateDir, 'keyset'), label: 'the keyset poller' });
    const naive = PollerRun.start(ctx, { args: ['--bookmark', 'naive'], stateDir: path.join(ctx.stateDir, 'naive'), label: 'the naive poller' });
    await keyset.nextPolls(1);
    await naive.nextPolls(1);

    const longTransaction = await ctx.db.connect();
    ctx.onCleanup(() => longTransaction.end());
    await longTransaction.query('BEGIN');
    const late = await insertUser(longTransaction, 'Late');
    const early = await insertUser(ctx.db, 'Early');
    check(late.updatedAt < early.updatedAt, {
      expected: 'the row of the long transaction to carry the earlier updated_at',
      got: `Late ${late.updatedAt}, Early ${early.updatedAt}`,
      docs: 'docs/01-poller.md#the-demo-table',
    });
    for (const run of [keyset, naive]) {
      await run.waitForRow((row) => row.id === early.id, { from: 0, what: `${run.label} to report User(id=${early.id}, name='Early')` });
    }
    await longTransaction.query('COMMIT');

    for (const run of [keyset, naive]) {
      const mark = run.mark;
      await run.nextPolls(3, { from: mark });
      const seen = run.rowsReported(0).filter((row) => row.id === late.id);
      check(seen.length === 0, {
        expected: `${run.label} to miss User(id=${late.id}, name='Late'): it committed after Early was reported, with updated_at ${late.updatedAt} before the bookmark (${early.updatedAt})`,
        got: `it reported ${describeRows(seen)}`,
        hint: 'this stage shows a limit of polling by updated_at; without --lag nothing in the bookmark can see this row. Is the program filtering on updated_at at all?',
        docs: run.docs,
        transcript: run.transcript(),
      });
    }
  },
};
