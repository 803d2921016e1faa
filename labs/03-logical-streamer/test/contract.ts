import { defineLineFormats } from '@cdc-lab/grading';

/**
 * Lab 3's contract in code: the lines of the streamer's output the stages read, with a real
 * line of the reference for each. The chapter's "Contract" section shows each example verbatim.
 *
 * The first four are compared as exact text, with the slot name or the xid filled in
 * (streamer-run.ts, workload.ts): their patterns state the shape for the chapter. The others
 * are the patterns the stages match, as they are written here; `status` and the errors are read
 * from stdout and stderr together.
 */
export const lineFormats = defineLineFormats({
  // ——— stream: compared exactly ———
  listening: {
    name: 'the line that says streaming has started',
    pattern: /^Listening on slot '([a-z0-9_]+)'\.\.\.$/,
    example: "Listening on slot 'docs_demo'...",
  },
  begin: {
    name: "test_decoding's first line of a transaction",
    pattern: /^BEGIN (\d+)$/,
    example: 'BEGIN 1781',
  },
  change: {
    name: "test_decoding's line for one changed row",
    pattern: /^table (\S+): (INSERT|UPDATE|DELETE): /,
    example: "table public.users: INSERT: id[integer]:11 name[text]:'Douglas'",
  },
  commit: {
    name: "test_decoding's last line of a transaction",
    pattern: /^COMMIT (\d+)$/,
    example: 'COMMIT 1781',
  },

  // ——— status ———
  statusActive: {
    name: 'whether the slot is being read',
    pattern: /^\s*active:\s+(yes|no)\b/m,
    example: '  active:               yes, read by walsender PID 14590',
  },
  statusConfirmed: {
    name: "the slot's confirmed flush LSN",
    pattern: /^\s*confirmed flush LSN:\s+(\S+)/m,
    example: '  confirmed flush LSN:  0/AA3E980',
  },
  statusRestart: {
    name: "the slot's restart LSN",
    pattern: /^\s*restart LSN:\s+(\S+)/m,
    example: '  restart LSN:          0/AA3E948',
  },
  statusRetained: {
    name: 'the WAL the slot holds back, and how alarming that is',
    pattern: /^\s*WAL retained:.*\((\d+) bytes\).*\b(OK|WARNING|CRITICAL)\b/m,
    example: '  WAL retained:         85.4 kB (87448 bytes) — OK',
  },

  statusWalStatus: {
    name: "the slot's wal_status (extension stage slot-lost)",
    pattern: /^\s*WAL status:\s+(reserved|extended|unreserved|lost)\b/m,
    example: '  WAL status:           extended (beyond max_wal_size, kept for this slot)',
  },

  // ——— errors ———
  dropRefused: {
    name: '`drop` refuses a slot that is being read',
    pattern: /active|in use|being read/i,
    example: "error: slot 'docs_demo' is active: walsender PID 14590 is reading it",
  },
  slotInUse: {
    name: 'a second streamer on the same slot gives up',
    pattern: /already|in use|active|being read/i,
    example: "error: slot 'docs_demo' is already being read by another process (walsender PID 14590)",
  },
  slotLost: {
    name: 'a streamer whose slot was invalidated says so…',
    pattern: /invalidated|\blost\b/i,
    example: "error: slot 'docs_demo' was invalidated (This slot has been invalidated because it exceeded the maximum reserved size; wal_status lost): everything committed after 0/3000148, its confirmed flush LSN, is lost to it",
  },
  slotLostRunbook: {
    name: '…and gives the runbook: drop, recreate, snapshot again',
    pattern: /drop[\s\S]*snapshot/i,
    example: 'hint: the runbook: 1. drop the slot: pnpm lab 3 drop … 3. take a new snapshot of the tables (lab 6) to recover what changed in the gap',
  },
  noReplicationFix: {
    name: 'the fix for a role without REPLICATION: the statement…',
    pattern: /ALTER ROLE/i,
    example: 'hint: as a superuser run ALTER ROLE docs_reader REPLICATION; (Postgres said: must be superuser or replication role to start walsender)',
  },
  noReplicationAttribute: {
    name: '…and the attribute it grants',
    pattern: /REPLICATION/,
    example: 'error: role docs_reader may not stream changes: it lacks the REPLICATION attribute',
  },
});
