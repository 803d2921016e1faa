/**
 * Broken on purpose: confirms a batch's transactions to the slot before committing the Kafka
 * transaction that holds them. When that commit fails — a crash, a broker restart, a newer
 * instance fencing this one — Postgres has already been told to forget them: lost. The
 * confirm-after-commit stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  commitThenConfirm: async (stream, batch, commit) => {
    if (batch.lastCompleteLsn) stream.confirmFlushedLsn(batch.lastCompleteLsn);
    await commit(batch);
  },
}));
