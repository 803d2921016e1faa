import { check, type Stage } from '@cdc-lab/grading';
import { hasMicroseconds, insertUser, type WrittenRow } from '../demo-rows.ts';
import { describeRows } from '../poll-output.ts';
import { PollerRun } from '../poller-run.ts';

/**
 * The basics: the program makes its own table, polls at once, reports a new row exactly once
 * and then goes quiet. Going quiet is the hard part: the bookmark must be exactly the row's
 * key, microseconds included, or the same row comes back on every poll.
 */
export const firstChanges: Stage = {
  slug: 'first-changes',
  title: 'creates poller.users, reports a new row once, then finds no changes',
  docs: 'docs/01-poller.md#the-bookmark',
  async run(ctx) {
    const poller = PollerRun.start(ctx);
    const [first] = await poller.nextPolls(1, {
      hint: 'on start: create poller.users (with its updated_at trigger) if it is missing, load the bookmark, then poll straight away',
    });
    check(first!.found === 0, {
      expected: 'the first poll of an empty, freshly created table to find no changes',
      got: first!.line,
      docs: poller.docs,
      transcript: poller.transcript(),
    });

    // The timestamp must have digits below the millisecond, so that a bookmark which lost
    // them (a JavaScript Date) is caught; 999 inserts in 1000 have them at the first try.
    const mark = poller.mark;
    let bob: WrittenRow;
    do bob = await insertUser(ctx.db, 'Bob');
    while (!hasMicroseconds(bob));

    const found = await poller.waitForRow((row) => row.id === bob.id, {
      from: mark,
      what: `a poll to report the new row User(id=${bob.id}, name='Bob')`,
      hint: 'select the rows whose (updated_at, id) is after the bookmark; a fresh bookmark is before every row',
    });
    check(found.rows.every((row) => row.name === 'Bob'), {
      expected: `the rows reported to be the ones inserted (name 'Bob')`,
      got: describeRows(found.rows),
      docs: poller.docs,
      transcript: poller.transcript(),
    });

    const after = await poller.nextPolls(3, { from: found.end });
    const again = after.find((poll) => poll.found > 0);
    check(again === undefined, {
      expected: `the polls after User(id=${bob.id}) was reported to find no changes: the bookmark has moved past it`,
      got: `"${again?.line}" — ${describeRows(again?.rows ?? [])} reported again`,
      hint: `the bookmark must be the last row's exact (updated_at, id); updated_at here is ${bob.updatedAt} — keep all six fractional digits (a JavaScript Date keeps three)`,
      docs: poller.docs,
      transcript: poller.transcript(),
    });
  },
};
