import { crash, defineDemo, line, lookFor, narrate, showSlot, slotReleased, sql, start, stop, waitFor } from '@cdc-lab/grading/demo';

/**
 * Lab 3's story (docs/03-logical-streamer.md, Expected output): a transaction streamed through a
 * slot with test_decoding, a crash before the confirmation, and the replay after the restart.
 */
const listening = line(/^Listening on slot '/, 'streaming has started');
const graceInserted = /^table streamer\.users: INSERT: id\[integer\]:13 name\[text\]:'Grace'$/;

export default defineDemo({
  lab: 3,
  title: 'a transaction streamed, a crash before the confirmation, and the replay',
  steps: () => [
    narrate(`The streamer opens a replication connection, creates a logical slot with the test_decoding
      plugin, and prints each change as Postgres decodes it from the WAL. The slot remembers how far
      the reader has confirmed; that is where the next run starts.`),
    sql(`CREATE SCHEMA streamer;
CREATE TABLE streamer.users (id integer PRIMARY KEY, name text)`),
    start('streamer', [], { ready: listening }),

    narrate('An insert, then an update and a delete in one transaction.'),
    sql(`INSERT INTO streamer.users VALUES (11, 'Douglas')`),
    waitFor('streamer', /^table streamer\.users: INSERT: id\[integer\]:11 name\[text\]:'Douglas'$/, 'the insert, decoded'),
    waitFor('streamer', /^COMMIT \d+$/, 'its COMMIT'),
    sql(`BEGIN;
UPDATE streamer.users SET name = 'Douglas (Expert)' WHERE id = 11;
DELETE FROM streamer.users WHERE id = 11;
COMMIT;`),
    waitFor('streamer', /^table streamer\.users: UPDATE: id\[integer\]:11 name\[text\]:'Douglas \(Expert\)'$/, 'the update'),
    waitFor('streamer', /^table streamer\.users: DELETE: id\[integer\]:11$/, 'the delete: only the key, as the replica identity says'),
    lookFor(`BEGIN and COMMIT frame each transaction, with its xid; the update and the delete share one.
      Unlike the poller, the streamer sees the delete: it reads events, not the table.`),

    narrate('Ctrl-C: the streamer sends a last status update, confirming what it printed.'),
    stop('streamer'),
    showSlot({ remember: 'confirmed' }),
    lookFor('confirmed_flush_lsn is the position the streamer reported as done: the next run starts after it.'),

    narrate(`Now the dangerous window. With --no-confirm the streamer prints but never confirms, as if it
      crashed after printing and before its status update. We insert Grace, see her printed, then
      kill the streamer with SIGKILL.`),
    start('streamer', ['--no-confirm'], { ready: listening }),
    sql(`INSERT INTO streamer.users VALUES (13, 'Grace')`),
    waitFor('streamer', graceInserted, 'Grace, printed'),
    waitFor('streamer', /^COMMIT \d+$/, 'and committed'),
    crash('streamer'),
    slotReleased(),
    showSlot({ unchangedSince: { remembered: 'confirmed', what: 'the slot did not move: Grace\'s transaction was never confirmed' } }),

    narrate('The streamer starts again, normally. Postgres sends everything after the confirmed position.'),
    start('streamer', [], { ready: listening }),
    waitFor('streamer', graceInserted, 'Grace again: the transaction is replayed'),
    lookFor(`the same transaction, the same xid, printed a second time. Nothing was lost, at the price of a
      duplicate: at least once. Had the streamer confirmed what it merely received, a crash here
      would have lost Grace for good.`),
    stop('streamer'),
    showSlot(),
    lookFor('the confirmed position has moved past Grace at last.'),
  ],
});
