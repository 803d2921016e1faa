/**
 * Broken on purpose: wraps each statement in a transaction of its own and reports the first
 * one's xid. Statements the user meant as one unit commit separately, and the records of all
 * but the first carry an xid the inspector does not show. The update-record stage must
 * reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { CaptureTransaction } from '../../src/capture-range.ts';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';
import { assignXid, currentInsertLsn, runStatement, waitUntilFlushed } from '../../src/wal-positions.ts';

const commitsEachStatement: CaptureTransaction = async (client, statements, serverVersionNum) => {
  const start = await currentInsertLsn(client);
  let xid: number | undefined;
  for (const statement of statements) {
    await client.query('BEGIN');
    xid ??= await assignXid(client, serverVersionNum);
    await runStatement(client, statement);
    await client.query('COMMIT');
  }
  const end = await currentInsertLsn(client);
  await waitUntilFlushed(client, end);
  return { xid: xid!, range: { start, end }, statementCount: statements.length };
};

await runMain(() => inspect(process.argv.slice(2), { ...lessonSteps, captureTransaction: commitsEachStatement }));
