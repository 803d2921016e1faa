/**
 * Broken on purpose: notes the end of the range just before COMMIT instead of after it
 * returns. The COMMIT record is written at that very position, so the range stops short of it
 * and the inspector never shows the record that makes the change durable and visible. The
 * commit-record stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { CaptureTransaction } from '../../src/capture-range.ts';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';
import { assignXid, currentInsertLsn, runStatement, waitUntilFlushed } from '../../src/wal-positions.ts';

const endBeforeCommit: CaptureTransaction = async (client, statements, serverVersionNum) => {
  const start = await currentInsertLsn(client);
  await client.query('BEGIN');
  const xid = await assignXid(client, serverVersionNum);
  for (const statement of statements) await runStatement(client, statement);
  const end = await currentInsertLsn(client);
  await client.query('COMMIT');
  await waitUntilFlushed(client, end);
  return { xid, range: { start, end }, statementCount: statements.length };
};

await runMain(() => inspect(process.argv.slice(2), { ...lessonSteps, captureTransaction: endBeforeCommit }));
