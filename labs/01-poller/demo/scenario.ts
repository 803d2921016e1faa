import { check, defineDemo, lookFor, narrate, sql, start, stop, waitFor, line } from '@cdc-lab/grading/demo';

/**
 * Lab 1's story (docs/01-poller.md, Running it and Expected output): an insert and two updates
 * the poller reports as they are now, a delete it cannot see, and a restart that resumes from
 * the bookmark.
 */
const poll = /Polling\.\.\. /;
const noChanges = /Polling\.\.\. No changes\./;

export default defineDemo({
  lab: 1,
  title: 'insert, update, delete — and the delete the poller cannot see',
  steps: () => [
    narrate(`The poller asks one table, over and over, "what changed since I last looked?". It keeps a
      bookmark, the (updated_at, id) of the last row it read, and each poll selects the rows after
      it. We run it with a poll every two seconds; it creates poller.users, with a trigger that
      stamps updated_at, when the table is missing.`),
    start('poller', ['--interval', '2000'], { ready: line(poll, 'the first poll') }),
    lookFor('each poll line says what it cost: how many queries, how many rows read.'),

    narrate('A new row. The next poll finds it: its updated_at is after the bookmark.'),
    sql(`INSERT INTO poller.users (name) VALUES ('Bob')`),
    waitFor('poller', /User\(id=\d+, name='Bob'/, 'the poller reports Bob'),

    narrate(`Two updates of the same row in one transaction, so both happen between two polls.`),
    sql(`UPDATE poller.users SET name = 'Bob Smith' WHERE name = 'Bob';
UPDATE poller.users SET name = 'Robert Smith' WHERE name = 'Bob Smith';`),
    waitFor('poller', /name='Robert Smith'/, 'the poller reports Robert Smith'),
    check('Bob Smith was never reported: only the row as it is now', (ctx) => {
      if (ctx.output('poller').some((text) => text.includes("name='Bob Smith'"))) {
        ctx.fail({ expected: 'no line with Bob Smith (both updates came between two polls)', got: 'the poller reported it', program: 'poller' });
      }
    }),
    lookFor(`one change, with the last value. The table holds state, not events: the middle value
      never existed as far as the poller can tell.`),

    narrate('Now the row is deleted.'),
    sql(`DELETE FROM poller.users WHERE name = 'Robert Smith'`),
    waitFor('poller', noChanges, 'a poll after the delete'),
    waitFor('poller', noChanges, 'and another one, which certainly started after it'),
    check('the DELETE was never reported', (ctx) => {
      const output = ctx.output('poller');
      const since = output.findLastIndex((text) => text.includes("name='Robert Smith'"));
      const found = output.slice(since + 1).filter((text) => /Polling\.\.\. Found/.test(text));
      if (found.length > 0) ctx.fail({ expected: 'only "No changes." after the delete', got: found.join(' / '), program: 'poller' });
    }),
    lookFor(`"No changes." — right, from where the poller stands: the row is gone and nothing is left
      to select. Whatever it feeds goes on believing Robert Smith exists. Labs 2 and 3 read the
      write-ahead log instead, where the delete is an event like any other.`),

    narrate(`Ctrl-C stops the poller; it saves its bookmark and prints what all its polls cost.`),
    stop('poller'),
    waitFor('poller', /^load: /, 'the load line at exit'),

    narrate('While it is stopped, two rows arrive in one statement. Then the poller starts again.'),
    sql(`INSERT INTO poller.users (name) VALUES ('Eve'), ('Mallory')`),
    start('poller', ['--interval', '2000'], { ready: line(/^Resuming after \(updated_at /, 'it resumes from the saved bookmark') }),
    waitFor('poller', /name='Mallory'/, 'Eve and Mallory reported'),
    check('nothing older than the bookmark came again', (ctx) => {
      const again = ctx.output('poller').filter((text) => /name='(Bob|Robert Smith)'/.test(text));
      if (again.length > 0) ctx.fail({ expected: 'only Eve and Mallory after the restart', got: again.join(' / '), program: 'poller' });
    }),
    lookFor(`Eve and Mallory share one updated_at (one transaction, one now()); the keyset bookmark
      (updated_at, id) tells them apart, so a page that ends in the middle of a tie loses nothing.`),
    stop('poller'),
  ],
});
