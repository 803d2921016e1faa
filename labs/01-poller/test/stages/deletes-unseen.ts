import { check, type Stage } from '@cdc-lab/grading';
import { insertUser } from '../demo-rows.ts';
import { describeRows } from '../poll-output.ts';
import { PollerRun } from '../poller-run.ts';

/**
 * Polling's blind spot: a deleted row leaves nothing behind to select. The poller keeps
 * saying "No changes." — and it is still working, as the next insert shows.
 */
export const deletesUnseen: Stage = {
  slug: 'deletes-unseen',
  title: 'a DELETE is never reported',
  docs: 'docs/01-poller.md#deletes',
  async run(ctx) {
    const poller = PollerRun.start(ctx);
    await poller.nextPolls(1);
    const bob = await insertUser(ctx.db, 'Bob');
    await poller.waitForRow((row) => row.id === bob.id, { what: `a poll to report User(id=${bob.id}, name='Bob')` });

    await ctx.db.query('DELETE FROM "poller"."users" WHERE "id" = $1', [bob.id]);
    // Two polls could have started before the DELETE committed; the third surely did not.
    const after = await poller.nextPolls(3);
    const reported = after.find((poll) => poll.found > 0);
    check(reported === undefined, {
      expected: `no change reported after DELETE of User(id=${bob.id}): a deleted row is not there to be selected`,
      got: `"${reported?.line}" — ${describeRows(reported?.rows ?? [])}`,
      docs: poller.docs,
      transcript: poller.transcript(),
    });

    const mark = poller.mark;
    const eve = await insertUser(ctx.db, 'Eve');
    const next = await poller.waitForRow((row) => row.id === eve.id, {
      from: mark,
      what: `the poller, still running after the DELETE, to report the next insert User(id=${eve.id}, name='Eve')`,
      hint: 'keep the place as the key of the last row reported: a count of rows read (OFFSET) falls behind the table when a row is deleted, and the next rows are skipped',
    });
    check(next.rows.every((row) => row.id === eve.id), {
      expected: `only User(id=${eve.id}, name='Eve') in that poll`,
      got: describeRows(next.rows),
      docs: poller.docs,
      transcript: poller.transcript(),
    });
  },
};
