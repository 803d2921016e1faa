import { defineLineFormats } from '@cdc-lab/grading';

/**
 * Lab 2's contract in code: every pattern a stage matches against the inspector's stdout or
 * stderr, with a real line of the reference for each. The chapter's "Contract" section shows
 * each example verbatim.
 *
 * Two checks are built per run and so are not here: the version-mismatch error must name both
 * major versions as whole words, and some errors must name the path they were given.
 */
export const lineFormats = defineLineFormats({
  // ——— stdout ———
  transaction: {
    name: 'the transaction line: the xid the statements ran in',
    pattern: /^transaction: xid (\d+)/,
    example: 'transaction: xid 1758, 3 statements, committed',
  },
  record: {
    name: "a record line: a marker column (`>` or a space), then pg_waldump's line",
    pattern: /^(>| ) rmgr: (\S+)\s+len \(rec\/tot\):\s*\d+\/\s*\d+, tx:\s*(\d+), lsn: ([0-9A-F]+\/[0-9A-F]+), prev [0-9A-F]+\/[0-9A-F]+, desc: ([^\s,]+)(.*)$/,
    example: '> rmgr: Heap        len (rec/tot):     67/    67, tx:       1758, lsn: 0/0A0A5C30, prev 0/0A0A5BE8, desc: INSERT+INIT off 1 flags 0x08, blkref #0: rel 1663/17099/17100 (public.accounts_417) blk 0',
  },
  location: {
    name: 'the location line under each highlighted record',
    pattern: /^\s+stored in segment ([0-9A-F]{24}) at byte offset (\d+)\b/,
    example: '      stored in segment 00000001000000000000000A at byte offset 678960 (0xA5C30)',
  },
  summary: {
    name: 'the summary line',
    pattern: /^summary: /,
    example: 'summary: 6 records in the range: 6 of transaction 1758, 0 background (tx 0) and 0 of other transactions (not shown, --all shows them)',
  },
  otherTransactions: {
    name: 'the count of other transactions\' records, in the summary line',
    pattern: /(\d+) of other transactions/,
    example: 'summary: 6 records in the range: 6 of transaction 1758, 0 background (tx 0) and 0 of other transactions (not shown, --all shows them)',
  },
  fallbackNote: {
    name: 'the note that --backend auto falls back to pg_walinspect (any line but a record line)',
    pattern: /walinspect/i,
    example: 'note: falling back to the pg_walinspect extension, which reads the same records on the server (--backend walinspect)',
  },
  recordMention: {
    name: 'a line that shows a record, which is never taken for the fallback note',
    pattern: /rmgr:/,
    example: '  rmgr: Btree       len (rec/tot):     64/    64, tx:       1760, lsn: 0/0A0AA928, prev 0/0A0AA8E8, desc: INSERT_LEAF off 2, blkref #0: rel 1663/17099/17105 (public.accounts_417_pkey) blk 1',
  },

  // ——— stderr ———
  hint: {
    name: 'the hint line of an error',
    pattern: /hint:/,
    example: 'hint: use the pg_waldump of PostgreSQL 15 (PG_WALDUMP=/usr/lib/postgresql/15/bin/pg_waldump on Debian/Ubuntu), or --backend walinspect',
  },
  waldumpVariable: {
    name: 'the error for a missing pg_waldump names PG_WALDUMP',
    pattern: /PG_WALDUMP/,
    example: 'error: PG_WALDUMP=/opt/pg14/bin/pg_waldump: pg_waldump not found there (no such file)',
  },
  walinspectOffered: {
    name: 'the error for an unreadable pg_wal offers pg_walinspect',
    pattern: /walinspect/,
    example: "hint: is the server on another host or in a container? Set PG_WAL_DIR to a copy of its pg_wal, or use --backend walinspect, which reads the WAL on the server's side",
  },
  walGone: {
    name: 'the error for a recycled range says the WAL is gone',
    pattern: /recycl|removed|no longer/i,
    example: 'error: the WAL at 0/8002018 is no longer on the server: segment pg_wal/000000010000000000000008 was removed or recycled after a checkpoint',
  },
  walGoneRemedy: {
    name: 'the error for a recycled range says what to do instead',
    pattern: /fresh range|run a statement|replication slot|wal_keep_size/i,
    example: 'hint: inspect a fresh range (run a statement instead of --start), or keep WAL from being recycled with a replication slot or wal_keep_size',
  },
  stackTrace: {
    name: 'a line of a stack trace, which an error must never print',
    pattern: /^\s+at .+(:\d+:\d+\)?|<anonymous>)$/,
    example: '    at Object.readdirSync (node:fs:1521:26)',
  },
});
