import fs from 'node:fs';
import path from 'node:path';
import { Lsn } from '@cdc-lab/common';
import { check, defineGrader, describeExit, fail, quoteIdent, reserveWal, trimmed, type StageContext } from '@cdc-lab/grading';
import {
  createTable, DOCS, flushLsn, insertLsn, requireChange, requireCleanError, requireReportedXid, serverMajor,
  waitFor, xminOf,
} from './checks.ts';
import { lineFormats } from './contract.ts';
import { describeRecords, LOCATION_LINE, printedRecords, requireSuccess, runInspector, type Run } from './observe.ts';

/**
 * Lab 2's grader: the inspector runs against the real server, and everything it prints is
 * compared with what the server itself says (xmin, txid_current(), pg_relation_filenode,
 * pg_walfile_name_offset, pg_get_wal_records_info). One behaviour per stage.
 */
export const grader = defineGrader(2, [
  {
    slug: 'insert-record',
    title: 'an INSERT shows as a Heap INSERT record of its table, with the transaction\'s xid',
    docs: DOCS.parse,
    async run(ctx) {
      const table = await createTable(ctx);
      const run = await runInspector(ctx, [`INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'Douglas')`]);
      requireSuccess(run, DOCS.parse);
      const xid = await xminOf(ctx, table.name, 1);
      requireReportedXid(run, xid);
      requireChange(run, { rmgr: 'Heap', types: /^INSERT(\+INIT)?$/, label: 'INSERT', xid, table, docs: DOCS.parse });
    },
  },
  {
    slug: 'commit-record',
    title: 'the transaction ends with a Transaction COMMIT record with its xid',
    docs: DOCS.parse,
    async run(ctx) {
      const table = await createTable(ctx);
      const run = await runInspector(ctx, [`INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'Douglas')`]);
      requireSuccess(run, DOCS.parse);
      const xid = await xminOf(ctx, table.name, 1);
      const commits = run.records.filter((record) => record.rmgr === 'Transaction' && record.type === 'COMMIT' && record.xid === xid);
      check(commits.length === 1, {
        expected: `one Transaction COMMIT record with tx ${xid}`,
        got: trimmed(describeRecords(run.records), 600),
        hint: 'the range must run until after the commit: take the end position after COMMIT returns',
        docs: DOCS.range,
        transcript: run.program.transcript(),
      });
      const commit = commits[0]!;
      check(commit.marked, { expected: 'the COMMIT highlighted with `>`', got: JSON.stringify(commit.line.slice(0, 80)), docs: DOCS.parse, transcript: run.program.transcript() });
      const later = run.records.filter((record) => record.xid === xid && record.lsn.isAfter(commit.lsn));
      check(later.length === 0, { expected: 'the COMMIT to be the transaction\'s last record', got: describeRecords(later), docs: DOCS.parse });
    },
  },
  {
    slug: 'update-record',
    title: 'several statements make one transaction: an INSERT and an UPDATE (or HOT_UPDATE) with one xid',
    docs: DOCS.parse,
    async run(ctx) {
      const table = await createTable(ctx);
      await ctx.db.query(`INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'Douglas')`);
      const run = await runInspector(ctx, [
        `INSERT INTO ${quoteIdent(table.name)} VALUES (2, 'Ada')`,
        `UPDATE ${quoteIdent(table.name)} SET name = 'Douglas (Expert)' WHERE id = 1`,
      ]);
      requireSuccess(run, DOCS.parse);
      const xid = await xminOf(ctx, table.name, 1);
      const inserted = await xminOf(ctx, table.name, 2);
      check(inserted === xid, { expected: 'both statements committed in one transaction', got: `xids ${inserted} and ${xid}`, hint: 'run all statements between one BEGIN and one COMMIT', docs: DOCS.range, transcript: run.program.transcript() });
      requireReportedXid(run, xid);
      requireChange(run, { rmgr: 'Heap', types: /^INSERT(\+INIT)?$/, label: 'INSERT', xid, table, docs: DOCS.parse });
      requireChange(run, { rmgr: 'Heap', types: /^(HOT_)?UPDATE(\+INIT)?$/, label: 'UPDATE or HOT_UPDATE', xid, table, docs: DOCS.parse });
    },
  },
  {
    slug: 'delete-record',
    title: 'a DELETE from --file shows as a Heap DELETE record with the xid txid_current() reported',
    docs: DOCS.parse,
    async run(ctx) {
      const table = await createTable(ctx);
      await ctx.db.query(`INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'Douglas')`);
      await ctx.db.query('CREATE TABLE xid_witness (xid bigint)');
      const file = path.join(ctx.stateDir, 'delete.sql');
      fs.writeFileSync(file, `DELETE FROM ${quoteIdent(table.name)} WHERE id = 1;\nINSERT INTO xid_witness SELECT txid_current();\n`);
      const run = await runInspector(ctx, ['--file', file]);
      requireSuccess(run, DOCS.parse);
      const witness = await ctx.db.query<{ xid: string }>('SELECT xid::text FROM xid_witness');
      check(witness.rowCount === 1, { expected: 'the statements of --file to be committed', got: `${witness.rowCount} row(s) in xid_witness`, docs: DOCS.range, transcript: run.program.transcript() });
      // txid_current() carries the epoch in its upper 32 bits; WAL records carry the lower 32.
      const xid = Number(BigInt(witness.rows[0]!.xid) & 0xFFFF_FFFFn);
      requireReportedXid(run, xid);
      requireChange(run, { rmgr: 'Heap', types: /^DELETE$/, label: 'DELETE', xid, table, docs: DOCS.parse });
    },
  },
  {
    slug: 'only-this-transaction',
    title: 'records other sessions write inside the range are left out',
    docs: DOCS.filter,
    async run(ctx) {
      const table = await createTable(ctx);
      await ctx.db.query('CREATE TABLE other_session (id int)');
      const lockKey = ctx.random.int(1, 2 ** 30);
      // Hold an advisory lock the inspector's transaction will wait for, and write another
      // transaction's records while it waits: they land inside the inspector's range.
      const holder = await ctx.db.connect();
      ctx.onCleanup(() => holder.end());
      await holder.query('SELECT pg_advisory_lock($1)', [lockKey]);
      const program = ctx.start({ args: [`INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'mine')`, `SELECT pg_advisory_xact_lock(${lockKey})`] });
      await waitFor('the inspector\'s transaction to wait for the advisory lock', async () => {
        const waiting = await ctx.db.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [lockKey]);
        if (program.hasExited) fail({ expected: 'the inspector to run the statements', got: `it exited (${describeExit((await program.exited))})`, docs: DOCS.range, transcript: program.transcript() });
        return (waiting.rowCount ?? 0) > 0;
      }, DOCS.filter);
      const other = await ctx.db.query<{ xmin: string }>('INSERT INTO other_session VALUES (1) RETURNING xmin::text');
      const otherXid = Number(other.rows[0]!.xmin);
      await holder.query('SELECT pg_advisory_unlock($1)', [lockKey]);
      const exit = await program.waitForExit({ timeoutMs: 30_000, what: 'the inspector to finish' });
      const run: Run = { program, exit, records: printedRecords(program.lines) };
      requireSuccess(run, DOCS.filter);
      const xid = await xminOf(ctx, table.name, 1);
      requireChange(run, { rmgr: 'Heap', types: /^INSERT(\+INIT)?$/, label: 'INSERT', xid, table, docs: DOCS.filter });
      const foreign = run.records.filter((record) => record.xid !== xid);
      check(foreign.length === 0, {
        expected: `only records with tx ${xid}; another session's transaction ${otherXid} committed inside the range, and background records (tx 0) may be there too`,
        got: trimmed(describeRecords(foreign), 600),
        hint: 'the WAL is shared by the whole server: keep the records whose xid is the transaction\'s',
        docs: DOCS.filter,
        transcript: program.transcript(),
      });
      const summary = program.lines.find((line) => lineFormats.summary.pattern.test(line)) ?? '';
      const others = Number(lineFormats.otherTransactions.pattern.exec(summary)?.[1] ?? -1);
      check(others >= 1, {
        expected: `the summary to count the records of other transactions it left out (transaction ${otherXid} wrote at least one)`,
        got: summary ? JSON.stringify(summary) : 'no `summary:` line',
        hint: 'the range must start before BEGIN and end after COMMIT, so that it contains what other sessions wrote meanwhile',
        docs: DOCS.filter,
        transcript: program.transcript(),
      });
    },
  },
  {
    slug: 'segment-offset',
    title: 'each highlighted record names its segment file and byte offset, as pg_walfile_name_offset() does',
    docs: DOCS.segments,
    async run(ctx) {
      const table = await createTable(ctx);
      await ctx.db.query(`INSERT INTO ${quoteIdent(table.name)} SELECT g, 'row ' || g FROM generate_series(1, 3) g`);
      const run = await runInspector(ctx, [
        `INSERT INTO ${quoteIdent(table.name)} VALUES (4, 'four')`,
        `UPDATE ${quoteIdent(table.name)} SET name = 'two' WHERE id = 2`,
        `DELETE FROM ${quoteIdent(table.name)} WHERE id = 3`,
      ]);
      requireSuccess(run, DOCS.segments);
      const marked = run.records.filter((record) => record.marked);
      check(marked.length >= 4, { expected: 'at least 4 highlighted records (INSERT, UPDATE, DELETE, COMMIT)', got: describeRecords(marked), docs: DOCS.parse, transcript: run.program.transcript() });
      for (const record of marked) {
        const next = run.program.lines[record.index + 1] ?? '';
        const location = LOCATION_LINE.exec(next);
        check(location !== null, {
          expected: `the line after the highlighted record at ${record.lsn} to say \`stored in segment <file> at byte offset <n>\``,
          got: JSON.stringify(next),
          docs: DOCS.segments,
          transcript: run.program.transcript(),
        });
        const truth = await ctx.db.query<{ file_name: string; file_offset: number }>('SELECT file_name, file_offset FROM pg_walfile_name_offset($1::pg_lsn)', [record.lsn.toString()]);
        const { file_name: fileName, file_offset: offset } = truth.rows[0]!;
        check(location[1] === fileName && Number(location[2]) === offset, {
          expected: `${record.lsn} in segment ${fileName} at byte offset ${offset} (pg_walfile_name_offset)`,
          got: `segment ${location[1]} at byte offset ${location[2]}`,
          hint: 'segment number = lsn / wal_segment_size; offset = lsn % wal_segment_size; the name is timeline, then the segment number split at 4 GB, 8 hex digits each',
          docs: DOCS.segments,
          transcript: run.program.transcript(),
        });
      }
    },
  },
  {
    slug: 'walinspect-agrees',
    extension: true,
    title: 'pg_waldump and pg_walinspect give the same records for the same range',
    docs: DOCS.walinspect,
    timeoutMs: 90_000,
    async run(ctx) {
      await ctx.db.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
      // The range is read three times, seconds apart, while other tests fill the WAL: keep it.
      const kept = await reserveWal(ctx.db, `${ctx.names.id}_keep`.slice(0, 63));
      ctx.onCleanup(() => kept.release());
      const start = await insertLsn(ctx);
      // Records of several kinds: a new table (catalog inserts, INSERT+INIT on a fresh page),
      // updates, deletes, an index, a savepoint and a rolled-back transaction.
      const table = await createTable(ctx);
      await ctx.db.query(`INSERT INTO ${quoteIdent(table.name)} SELECT g, 'row ' || g FROM generate_series(1, 20) g`);
      await ctx.db.query(`UPDATE ${quoteIdent(table.name)} SET name = upper(name) WHERE id % 3 = 0`);
      await ctx.db.query(`DELETE FROM ${quoteIdent(table.name)} WHERE id > 15`);
      await ctx.db.transaction(async (client) => {
        await client.query('SAVEPOINT s');
        await client.query(`INSERT INTO ${quoteIdent(table.name)} VALUES (100, 'in a subtransaction')`);
        await client.query('RELEASE SAVEPOINT s');
      });
      await ctx.db.transaction(async (client) => {
        await client.query(`INSERT INTO ${quoteIdent(table.name)} VALUES (200, 'rolled back')`);
        throw new Error('roll back');
      }).catch(() => {});
      const end = await insertLsn(ctx);
      await waitFor(`the WAL up to ${end} to be flushed`, async () => !(await flushLsn(ctx)).isBefore(end), DOCS.walinspect);

      const truth = await ctx.db.query<{ lsn: string; xid: string; rmgr: string; type: string }>(
        'SELECT start_lsn::text AS lsn, xid::text, resource_manager AS rmgr, record_type AS type FROM pg_get_wal_records_info($1, $2)',
        [start.toString(), end.toString()]);
      const expected = truth.rows.map((row) => `${Lsn.parse(row.lsn)} tx ${row.xid} ${row.rmgr} ${row.type}`);
      for (const backend of ['waldump', 'walinspect']) {
        const run = await runInspector(ctx, ['--backend', backend, '--start', start.toString(), '--end', end.toString()]);
        requireSuccess(run, DOCS.walinspect);
        const seen = run.records.map((record) => `${record.lsn} tx ${record.xid} ${record.rmgr} ${record.type}`);
        const firstDifference = expected.findIndex((line, index) => seen[index] !== line);
        check(seen.length === expected.length && firstDifference < 0, {
          expected: `with --backend ${backend}, the ${expected.length} records pg_get_wal_records_info('${start}', '${end}') returns: same LSNs, xids, resource managers and record types`,
          got: firstDifference >= 0
            ? `record ${firstDifference + 1} differs: expected ${expected[firstDifference]}, got ${seen[firstDifference] ?? 'nothing'} (${seen.length} records in all)`
            : `${seen.length} records`,
          hint: 'the record type is the first word of `desc:`, suffix included (INSERT+INIT); the xid is the `tx:` field',
          docs: DOCS.walinspect,
          transcript: run.program.transcript(),
        });
      }
    },
  },
  {
    slug: 'auto-fallback',
    extension: true,
    title: 'when pg_wal cannot be read here, --backend auto says so and uses pg_walinspect',
    docs: DOCS.walinspect,
    async run(ctx) {
      const table = await createTable(ctx);
      const elsewhere = path.join(ctx.stateDir, 'on-another-host', 'pg_wal');
      const run = await runInspector(ctx, ['--backend', 'auto', `INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'Douglas')`], { PG_WAL_DIR: elsewhere });
      check(run.exit.code === 0, {
        expected: `--backend auto to fall back to pg_walinspect when pg_wal (${elsewhere}) cannot be read here, and exit with code 0`,
        got: `${describeExit(run.exit)}: ${trimmed(run.program.errorLines.join('\n') || '(nothing on stderr)', 400)}`,
        hint: 'an unreadable pg_wal is what pg_walinspect works around: with --backend auto it is a note, not an error (only --backend waldump stops there)',
        docs: DOCS.walinspect,
        transcript: run.program.transcript(),
      });
      const note = run.program.lines.find((line) => lineFormats.fallbackNote.pattern.test(line) && !lineFormats.recordMention.pattern.test(line));
      check(note !== undefined, {
        expected: `a line saying that pg_wal (${elsewhere}) cannot be read here and that pg_walinspect is used instead`,
        got: 'no line mentions pg_walinspect',
        docs: DOCS.walinspect,
        transcript: run.program.transcript(),
      });
      const xid = await xminOf(ctx, table.name, 1);
      requireChange(run, { rmgr: 'Heap', types: /^INSERT(\+INIT)?$/, label: 'INSERT', xid, table, docs: DOCS.walinspect });
    },
  },
  {
    slug: 'error-waldump-missing',
    extension: true,
    title: 'a missing pg_waldump is a clear error, before anything runs',
    docs: DOCS.findWaldump,
    async run(ctx) {
      await requireWorkingBaseline(ctx);
      const table = await createTable(ctx);
      const missing = path.join(ctx.stateDir, 'no-such-dir', 'pg_waldump');
      const run = await runInspector(ctx, ['--backend', 'waldump', `INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'x')`], { PG_WALDUMP: missing });
      await requireCleanError(ctx, run, { mentions: [missing, lineFormats.waldumpVariable.pattern], what: 'that pg_waldump is not where PG_WALDUMP says', docs: DOCS.findWaldump, table: table.name });
    },
  },
  {
    slug: 'error-version-mismatch',
    extension: true,
    title: 'a pg_waldump of another major version is refused, naming both versions',
    docs: DOCS.findWaldump,
    async run(ctx) {
      await requireWorkingBaseline(ctx);
      const table = await createTable(ctx);
      const major = await serverMajor(ctx);
      const other = major - 1;
      // Not a stand-in for Postgres: a program that answers --version like pg_waldump 14 would.
      const fake = path.join(ctx.stateDir, 'pg_waldump');
      fs.writeFileSync(fake, `#!/bin/sh\necho "pg_waldump (PostgreSQL) ${other}.9"\n`, { mode: 0o755 });
      const run = await runInspector(ctx, ['--backend', 'waldump', `INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'x')`], { PG_WALDUMP: fake });
      await requireCleanError(ctx, run, {
        mentions: [new RegExp(`\\b${other}\\b`), new RegExp(`\\b${major}\\b`)],
        what: `that this pg_waldump is from PostgreSQL ${other} and the server runs ${major}`,
        docs: DOCS.findWaldump,
        table: table.name,
      });
    },
  },
  {
    slug: 'error-wal-unreadable',
    extension: true,
    title: 'a WAL directory that cannot be read is a clear error that offers pg_walinspect',
    docs: DOCS.findWal,
    async run(ctx) {
      await requireWorkingBaseline(ctx);
      const table = await createTable(ctx);
      const missing = path.join(ctx.stateDir, 'not-mounted', 'pg_wal');
      const run = await runInspector(ctx, ['--backend', 'waldump', `INSERT INTO ${quoteIdent(table.name)} VALUES (1, 'x')`], { PG_WAL_DIR: missing });
      await requireCleanError(ctx, run, { mentions: [missing, lineFormats.walinspectOffered.pattern], what: 'that the WAL directory cannot be read here', docs: DOCS.findWal, table: table.name });
    },
  },
  {
    slug: 'error-range-recycled',
    extension: true,
    title: 'a range whose segments were recycled is a clear error, with both backends',
    docs: DOCS.errors,
    async run(ctx) {
      // The oldest segment still in pg_wal; everything before it was removed or recycled.
      const oldest = await ctx.db.query<{ name: string; size: string }>(
        `SELECT min(name) AS name, pg_size_bytes(current_setting('wal_segment_size'))::text AS size FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'`);
      const { name, size } = oldest.rows[0]!;
      const segmentSize = BigInt(size);
      const segment = BigInt(`0x${name.slice(8, 16)}`) * (0x1_0000_0000n / segmentSize) + BigInt(`0x${name.slice(16, 24)}`);
      check(segment > 0n, { expected: 'a server whose first segment is gone', got: `pg_wal still starts at ${name}`, docs: DOCS.errors });
      // One WAL page (8 kB) and a page header into the segment before it: a place where a
      // record could start. (On a fresh cluster that is segment 0, which never held WAL, and
      // pg_walinspect refuses any position inside the very first page outright.)
      const start = Lsn.fromBigInt((segment - 1n) * segmentSize + 8192n + 24n);
      for (const backend of ['waldump', 'walinspect']) {
        const run = await runInspector(ctx, ['--backend', backend, '--start', start.toString()]);
        await requireCleanError(ctx, run, {
          mentions: [lineFormats.walGone.pattern, lineFormats.walGoneRemedy.pattern],
          what: `(with --backend ${backend}) that the WAL at ${start} is gone, and what to do instead`,
          docs: DOCS.errors,
        });
      }
    },
  },
]);

/**
 * Before an error stage: the same program, without the setting under test, runs a statement
 * and exits 0. The error the stage then provokes comes from that setting alone, not from a
 * program that fails whatever it is given.
 */
async function requireWorkingBaseline(ctx: StageContext): Promise<void> {
  await ctx.db.query('CREATE TABLE baseline (id int)');
  const run = await runInspector(ctx, ['INSERT INTO baseline VALUES (1)']);
  check(run.exit.code === 0, {
    expected: 'first, without the setting under test, the inspector to run `INSERT INTO baseline VALUES (1)` and exit with code 0 (so that the error this stage provokes comes from that setting alone)',
    got: describeExit(run.exit),
    hint: 'this extension stage builds on the base stages: pass those first',
    docs: DOCS.range,
    transcript: run.program.transcript(),
  });
}
