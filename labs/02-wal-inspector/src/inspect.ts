import pg from 'pg';
import { PostgresSetupError, databaseUrl, redactUrl } from '@cdc-lab/common';
import { openRecordSource } from './backend.ts';
import type { WalRange } from './capture-range.ts';
import { parseCli, USAGE, type InspectOptions } from './cli.ts';
import type { LessonSteps } from './lesson.ts';
import { formatLocation, formatRecord } from './print.ts';
import { RelationNames } from './relation-names.ts';
import { readServerFacts, type ServerFacts } from './server.ts';
import type { RecordOwner } from './transaction-filter.ts';
import { explicitRange } from './wal-positions.ts';
import { isHighlighted, type RecordSource } from './wal-record.ts';

type Env = Record<string, string | undefined>;

/**
 * The inspector from start to end:
 *   1. learn the server's version, segment size and timeline;
 *   2. choose the backend (pg_waldump here, or pg_walinspect there) — before running anything;
 *   3. run the statements in one transaction, bracketed by WAL positions, and note its xid;
 *   4. read every record of the range, keep the transaction's own, name their relations,
 *      mark row changes and the commit, and say which segment file and offset hold each.
 */
export async function inspect(argv: readonly string[], steps: LessonSteps, env: Env = process.env): Promise<void> {
  const options = parseCli(argv, env);
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const url = databaseUrl(env);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new PostgresSetupError(`cannot connect to ${redactUrl(url)}: ${(error as Error).message}`, {
      hint: 'is the stack running? pnpm stack status', retriable: true, cause: error,
    });
  }
  try {
    const server = await readServerFacts(client);
    const source = await openRecordSource(options, client, server, steps, (line) => console.log(line));
    for (const line of source.description) console.log(line);
    const { range, xid } = await chooseRange(options, client, server, steps);
    describeRange(range, server, source, steps);
    await printRecords(source, range, xid, options.all, new RelationNames(client, server.database), server, steps);
  } finally {
    await client.end().catch(() => {});
  }
}

async function chooseRange(options: InspectOptions, client: pg.Client, server: ServerFacts, steps: LessonSteps): Promise<{ range: WalRange; xid: number | undefined }> {
  const { subject } = options;
  if (subject.kind === 'statements') {
    const captured = await steps.captureTransaction(client, subject.statements, server.versionNum);
    const count = captured.statementCount === 1 ? '1 statement' : `${captured.statementCount} statements`;
    console.log(`transaction: xid ${captured.xid}, ${count}, committed`);
    return { range: captured.range, xid: captured.xid };
  }
  const range = await explicitRange(client, subject.start, subject.end);
  console.log(subject.xid === undefined ? 'transaction: none given, showing every record of the range' : `transaction: xid ${subject.xid}`);
  return { range, xid: subject.xid };
}

function describeRange(range: WalRange, server: ServerFacts, source: RecordSource, steps: LessonSteps): void {
  const first = steps.segmentOf(range.start, server.segmentSize, server.timeline).fileName;
  const last = steps.segmentOf(range.end, server.segmentSize, server.timeline).fileName;
  const segments = first === last ? `segment ${first}` : `segments ${first} .. ${last}`;
  console.log(`range: ${range.start} .. ${range.end} (${range.end.bytesSince(range.start)} bytes of WAL), timeline ${server.timeline}, ${segments}`);
  console.log(`$ ${source.command(range)}`);
}

async function printRecords(
  source: RecordSource, range: WalRange, xid: number | undefined, all: boolean,
  names: RelationNames, server: ServerFacts, steps: LessonSteps,
): Promise<void> {
  const counts: Record<RecordOwner, number> = { transaction: 0, background: 0, 'other-transaction': 0 };
  for await (const record of source.records(range)) {
    const owner: RecordOwner = xid === undefined ? 'transaction' : steps.classifyRecord(record, xid);
    counts[owner] += 1;
    if (owner !== 'transaction' && !all) continue;
    const relationNames = await Promise.all(record.blockRefs.map((ref) => names.nameOf(ref)));
    const highlighted = isHighlighted(record) && owner === 'transaction';
    console.log(formatRecord(record, relationNames, highlighted));
    if (highlighted) console.log(formatLocation(steps.segmentOf(record.lsn, server.segmentSize, server.timeline)));
  }
  const total = counts.transaction + counts.background + counts['other-transaction'];
  if (xid === undefined) {
    console.log(`summary: ${total} records in the range`);
    return;
  }
  const hidden = all ? 'shown with --all' : 'not shown, --all shows them';
  console.log(`summary: ${total} records in the range: ${counts.transaction} of transaction ${xid}, `
    + `${counts.background} background (tx 0) and ${counts['other-transaction']} of other transactions (${hidden})`);
}
