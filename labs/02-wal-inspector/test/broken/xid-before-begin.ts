/**
 * Broken on purpose: asks for the transaction id before BEGIN. That query runs in a
 * transaction of its own, so the xid it gets is not the one that writes the rows: the
 * inspector reports the wrong transaction and filters out every record of the right one. The
 * delete-record stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { CaptureTransaction } from '../../src/capture-range.ts';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';
import { assignXid, currentInsertLsn, runStatement, waitUntilFlushed } from '../../src/wal-positions.ts';

const xidBeforeBegin: CaptureTransaction = async (client, statements, serverVersionNum) => {
  const start = await currentInsertLsn(client);
  const xid = await assignXid(client, serverVersionNum);
  await client.query('BEGIN');
  for (const statement of statements) await runStatement(client, statement);
  await client.query('COMMIT');
  const end = await currentInsertLsn(client);
  await waitUntilFlushed(client, end);
  return { xid, range: { start, end }, statementCount: statements.length };
};

await runMain(() => inspect(process.argv.slice(2), { ...lessonSteps, captureTransaction: xidBeforeBegin }));
