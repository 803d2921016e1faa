import { check, fail, type Stage } from '@cdc-lab/grading';
import { insertUser } from '../demo-rows.ts';
import { describeRows } from '../poll-output.ts';
import { PollerRun } from '../poller-run.ts';

const LAG_MS = 1_000;

/**
 * The same late commit as in late-commit, against a poller that reads only rows at least
 * --lag old. The long transaction stays open for two polls after Early commits — long
 * enough for a poller without the lag to report Early and skip Late — and commits well
 * within the lag. Early is held back until it is a second old; by then Late has committed and
 * is read first. The price: every change arrives a second late.
 */
export const safetyLag: Stage = {
  slug: 'safety-lag',
  title: '--lag holds rows back long enough for a late commit to be read in order',
  docs: 'docs/01-poller.md#the-safety-lag',
  async run(ctx) {
    const poller = PollerRun.start(ctx, { args: ['--lag', String(LAG_MS)] });
    await poller.nextPolls(1);

    const longTransaction = await ctx.db.connect();
    ctx.onCleanup(() => longTransaction.end());
    await longTransaction.query('BEGIN');
    const late = await insertUser(longTransaction, 'Late');
    const early = await insertUser(ctx.db, 'Early');
    // Keep the long transaction open for two polls. The second surely began after Early
    // committed, so a poller without the lag reports Early in it and moves its bookmark past
    // Late before Late commits.
    await poller.nextPolls(2);
    await longTransaction.query('COMMIT');
    const { rows } = await ctx.db.query<{ margin_ms: string }>(
      `SELECT extract(epoch FROM ($1::timestamptz + $2::integer * interval '1 millisecond') - clock_timestamp()) * 1000 AS "margin_ms"`,
      [early.updatedAt, LAG_MS],
    );
    const margin = Number(rows[0]!.margin_ms);
    if (margin < LAG_MS / 5) {
      fail({ expected: `the grader to commit its long transaction well within ${LAG_MS} ms of writing Early`, got: `only ${margin.toFixed(0)} ms to spare`, hint: 'the machine is overloaded; run the stage again' });
    }

    const earlyReported = await poller.waitForRow((row) => row.id === early.id, {
      from: 0,
      what: `a poll to report User(id=${early.id}, name='Early') about ${LAG_MS} ms after it was written`,
    });
    await poller.nextPolls(2, { from: earlyReported.end });
    const reported = poller.rowsReported(0);
    const lateAt = reported.findIndex((row) => row.id === late.id);
    const earlyAt = reported.findIndex((row) => row.id === early.id);
    check(lateAt !== -1 && lateAt < earlyAt, {
      expected: `with --lag ${LAG_MS}, User(id=${late.id}, name='Late') — committed a few ms after Early but with an earlier updated_at — reported before (or with) User(id=${early.id}, name='Early')`,
      got: describeRows(reported),
      hint: `read only rows with "updated_at" <= now() - ${LAG_MS} ms: a row is then read only once every transaction that began before it has had --lag to commit`,
      docs: poller.docs,
      transcript: poller.transcript(),
    });
    check(reported.filter((row) => row.id === late.id || row.id === early.id).length === 2, {
      expected: 'Late and Early reported once each',
      got: describeRows(reported),
      docs: poller.docs,
      transcript: poller.transcript(),
    });
  },
};
