import { Lsn } from '@cdc-lab/common';
import { check, describeExit, fail, quoteIdent, trimmed, type StageContext } from '@cdc-lab/grading';
import { lineFormats } from './contract.ts';
import { describeRecords, reportedXid, stackTraceLines, type PrintedRecord, type Run } from './observe.ts';

/**
 * The checks the stages share, each failing with what was expected, what was seen, and the
 * section of the chapter that teaches it.
 */
export const CHAPTER = 'docs/02-wal-inspector.md';
export const DOCS = {
  range: `${CHAPTER}#bracketing-a-transaction`,
  parse: `${CHAPTER}#reading-a-record-line`,
  names: `${CHAPTER}#from-relfilenode-to-table-name`,
  filter: `${CHAPTER}#only-this-transaction`,
  segments: `${CHAPTER}#from-lsn-to-segment-file`,
  walinspect: `${CHAPTER}#pg_walinspect-the-same-records-through-sql`,
  findWaldump: `${CHAPTER}#finding-pg_waldump`,
  findWal: `${CHAPTER}#finding-pg_wal`,
  errors: `${CHAPTER}#when-the-wal-cannot-be-read`,
};

/** A table with a name of its own, so that a program cannot pass by printing a fixed name. */
export async function createTable(ctx: StageContext): Promise<{ name: string; qualified: string; filenode: string; databaseOid: string }> {
  const name = `accounts_${ctx.random.int(100, 999)}`;
  await ctx.db.query(`CREATE TABLE ${quoteIdent(name)} (id int PRIMARY KEY, name text)`);
  const result = await ctx.db.query<{ filenode: string; oid: string }>(
    `SELECT pg_relation_filenode($1::regclass)::text AS filenode, (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS oid`,
    [quoteIdent(name)]);
  return { name, qualified: `public.${name}`, filenode: result.rows[0]!.filenode, databaseOid: result.rows[0]!.oid };
}

export async function xminOf(ctx: StageContext, table: string, id: number): Promise<number> {
  const result = await ctx.db.query<{ xmin: string }>(`SELECT xmin::text FROM ${quoteIdent(table)} WHERE id = $1`, [id]);
  if (result.rowCount === 0) fail({ expected: `row ${id} in ${table} after the inspector ran`, got: 'no such row: the statements were not committed', docs: DOCS.range });
  return Number(result.rows[0]!.xmin);
}

export async function rowCount(ctx: StageContext, table: string): Promise<number> {
  const result = await ctx.db.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${quoteIdent(table)}`);
  return Number(result.rows[0]!.count);
}

/**
 * The marked record of a row change for a table, with the transaction's xid, naming the table
 * in its block reference. Each missing piece fails with its own message.
 */
export function requireChange(run: Run, change: { rmgr: string; types: RegExp; label: string; xid: number; table: { qualified: string; filenode: string; databaseOid: string }; docs: string }): PrintedRecord {
  const candidates = run.records.filter((record) => record.rmgr === change.rmgr && change.types.test(record.type) && record.xid === change.xid);
  const transcript = run.program.transcript(30);
  check(candidates.length > 0, {
    expected: `a ${change.rmgr} ${change.label} record with tx ${change.xid} (the xid the server gave the transaction)`,
    got: trimmed(describeRecords(run.records), 600),
    hint: 'read the range from the position before the transaction to the position after its commit, and parse `rmgr:`, `tx:` and the type (first word of `desc:`)',
    docs: DOCS.parse,
    transcript,
  });
  const onTable = candidates.filter((record) => record.rest.includes(`rel `) && record.rest.includes(`/${change.table.databaseOid}/${change.table.filenode}`));
  check(onTable.length > 0, {
    expected: `the ${change.label} record's block reference \`rel <tablespace>/${change.table.databaseOid}/${change.table.filenode}\` (the table's relfilenode)`,
    got: trimmed(candidates.map((record) => record.line).join('\n'), 600),
    hint: 'keep the `blkref #N: rel spc/db/relfilenode blk N` parts of the line: they say which table the change is for',
    docs: DOCS.parse,
    transcript,
  });
  const named = onTable.find((record) => record.rest.includes(change.table.qualified));
  check(named !== undefined, {
    expected: `the ${change.label} record to name its table, ${change.table.qualified}`,
    got: trimmed(onTable[0]!.line, 600),
    hint: 'look the relfilenode up: SELECT … FROM pg_class WHERE pg_relation_filenode(oid) = <relfilenode>',
    docs: DOCS.names,
    transcript,
  });
  check(named.marked, {
    expected: `the ${change.label} record to be highlighted with \`>\` at the start of its line`,
    got: JSON.stringify(named.line.slice(0, 80)),
    docs: DOCS.parse,
    transcript,
  });
  return named;
}

export function requireReportedXid(run: Run, xid: number): void {
  const reported = reportedXid(run, DOCS.range);
  check(reported === xid, {
    expected: `\`transaction: xid ${xid}\`: the xid that wrote the rows (their xmin)`,
    got: `transaction: xid ${reported}`,
    hint: 'ask for the xid inside the transaction, after BEGIN and before COMMIT',
    docs: DOCS.range,
    transcript: run.program.transcript(),
  });
}

/** A configuration error: non-zero exit, a message and a hint on stderr, no stack trace, nothing committed. */
export async function requireCleanError(ctx: StageContext, run: Run, expectation: { mentions: (string | RegExp)[]; what: string; docs: string; table?: string }): Promise<void> {
  const stderr = run.program.errorLines.join('\n');
  const transcript = run.program.transcript();
  check(run.exit.code !== 0, { expected: `the inspector to fail: ${expectation.what}`, got: `${describeExit(run.exit)}, as if all was well`, docs: expectation.docs, transcript });
  for (const mention of expectation.mentions) {
    const found = typeof mention === 'string' ? stderr.includes(mention) : mention.test(stderr);
    check(found, {
      expected: `an error on stderr that says ${expectation.what}, mentioning ${String(mention)}`,
      got: trimmed(stderr || '(nothing on stderr)', 600),
      hint: 'throw a CdcLabError with a message that names the problem and a hint that says what to do',
      docs: expectation.docs,
      transcript,
    });
  }
  check(lineFormats.hint.pattern.test(stderr), { expected: 'a `hint:` line saying what to do about it', got: trimmed(stderr, 600), docs: expectation.docs, transcript });
  const trace = stackTraceLines(run.program);
  check(trace.length === 0, { expected: 'a message, not a stack trace', got: trimmed(trace.join('\n'), 300), docs: expectation.docs, transcript });
  if (expectation.table) {
    const rows = await rowCount(ctx, expectation.table);
    check(rows === 0, {
      expected: 'the check to happen before the statement runs: nothing committed that the inspector then cannot show',
      got: `${rows} row(s) in ${expectation.table}`,
      hint: 'find pg_waldump and pg_wal, and check them, before BEGIN',
      docs: expectation.docs,
      transcript,
    });
  }
}

export async function serverMajor(ctx: StageContext): Promise<number> {
  const result = await ctx.db.query<{ major: number }>(`SELECT current_setting('server_version_num')::int / 10000 AS major`);
  return result.rows[0]!.major;
}

export async function waitFor(what: string, condition: () => Promise<boolean>, docs: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 10; !(await condition()); delay = Math.min(delay * 2, 200)) {
    if (Date.now() > deadline) fail({ expected: `${what} within ${timeoutMs / 1000} s`, got: 'it did not happen', docs });
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export async function insertLsn(ctx: StageContext): Promise<Lsn> {
  const result = await ctx.db.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return Lsn.parse(result.rows[0]!.lsn);
}

export async function flushLsn(ctx: StageContext): Promise<Lsn> {
  const result = await ctx.db.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
  return Lsn.parse(result.rows[0]!.lsn);
}
