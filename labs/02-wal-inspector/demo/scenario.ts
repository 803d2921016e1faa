import { check, command, defineDemo, line, lookFor, narrate, sql } from '@cdc-lab/grading/demo';

/**
 * Lab 2's story (docs/02-wal-inspector.md, Expected output): one statement traced to its
 * records in the write-ahead log, then a transaction of three, each change found in a segment
 * file at a byte offset.
 */
const INSERT = `INSERT INTO wal_inspector.users VALUES (1, 'Douglas')`;
const TRANSACTION = [
  `INSERT INTO wal_inspector.users VALUES (2, 'Ada')`,
  `UPDATE wal_inspector.users SET name = 'Ada Lovelace' WHERE id = 2`,
  'DELETE FROM wal_inspector.users WHERE id = 2',
];

export default defineDemo({
  lab: 2,
  title: 'one statement traced in the WAL',
  steps: () => [
    narrate(`Every change Postgres makes is first written to the write-ahead log, one stream shared by
      the whole server. The inspector runs your statements in one transaction, notes the WAL
      insert position before and after, and shows the records in between that carry the
      transaction's id. First, a table to write to.`),
    sql(`CREATE SCHEMA wal_inspector;
CREATE TABLE wal_inspector.users (id integer PRIMARY KEY, name text)`),

    narrate('One INSERT, traced.'),
    command('inspector', [INSERT], {
      expect: [
        line(/^transaction: xid \d+, 1 statement, committed/, 'the transaction, bracketed by two WAL positions'),
        line(/^> rmgr: Heap .*desc: INSERT.*\(wal_inspector\.users\)/, 'the heap record of the new row, in wal_inspector.users'),
        line(/^\s+stored in segment [0-9A-F]{24} at byte offset \d+/, 'the segment file and byte offset that hold it'),
        line(/^\s+rmgr: Btree .*\(wal_inspector\.users_pkey\)/, 'the primary key index getting its entry too'),
        line(/^> rmgr: Transaction .*desc: COMMIT/, 'the commit record that makes it durable'),
        line(/^summary: /, 'the summary: how many records were this transaction\'s'),
      ],
    }),
    lookFor(`the lines marked > are the changes that matter to change data capture: the row itself
      (Heap INSERT) and the COMMIT. The index record is there too, unmarked: the WAL records pages,
      not rows, and a logical decoder (lab 3) turns the heap records back into rows.`),

    narrate('Three statements in one transaction: an insert, an update and a delete of one row.'),
    command('inspector', TRANSACTION, {
      expect: [
        line(/^transaction: xid \d+, 3 statements, committed/, 'one transaction of three statements'),
        line(/^> rmgr: Heap .*desc: INSERT/, 'the insert'),
        line(/^> rmgr: Heap .*desc: (HOT_)?UPDATE/, 'the update, a new version of the row'),
        line(/^> rmgr: Heap .*desc: DELETE/, 'the delete, a record of its own'),
        line(/^> rmgr: Transaction .*desc: COMMIT/, 'one commit for all three'),
      ],
    }),
    check('all three records carry the same transaction id', (ctx) => {
      const output = ctx.output('inspector');
      const xid = /^transaction: xid (\d+)/.exec(output.find((text) => text.startsWith('transaction: ')) ?? '')?.[1];
      const marked = output.filter((text) => text.startsWith('> rmgr: '));
      const others = marked.filter((text) => !new RegExp(`tx:\\s+${xid},`).test(text));
      if (!xid || marked.length < 4 || others.length > 0) {
        ctx.fail({ expected: `every > record with tx ${xid ?? '?'}`, got: others.join(' / ') || `${marked.length} marked records`, program: 'inspector' });
      }
    }),
    lookFor(`the delete is in the log, with the row's place (off N), even though the row is gone from the
      table. This is what the poller of lab 1 could not see. An UPDATE that stays on the same page
      and changes no indexed column is a HOT_UPDATE: no new index entry.`),
  ],
});
