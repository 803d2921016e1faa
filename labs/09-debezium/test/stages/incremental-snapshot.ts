import type { Stage } from '@cdc-lab/grading';
import { isEventLine } from '../contract.ts';
import { accountsTable, runToEnd, stageNames, startConnector } from '../support.ts';

/** `pnpm lab 9 snapshot public.accounts` re-reads the table while the connector streams. */
export const incrementalSnapshotStage: Stage = {
  slug: 'incremental-snapshot',
  title: 'an incremental snapshot through the signal table, while streaming',
  docs: 'docs/09-debezium.md#incremental-snapshots-through-the-signal-table',
  timeoutMs: 120_000,
  async run(ctx) {
    const names = stageNames(ctx);
    const rows = ctx.random.int(3, 6);
    await accountsTable(ctx, rows);
    const program = await startConnector(ctx);
    const topic = `${names.prefix}.public.accounts`;
    await program.waitForLine(isEventLine(topic, 'r', `{"id":${rows}}`), { timeoutMs: 30_000, what: 'the initial snapshot', docs: ctx.stage.docs });
    await runToEnd(ctx, ['snapshot', 'public.accounts'], 'write the execute-snapshot signal', 'insert (id, \'execute-snapshot\', {"data-collections":["public.accounts"],"type":"incremental"}) into the signal table');
    for (let id = 1; id <= rows; id++) {
      await program.waitForLine(isEventLine(topic, 'r', `{"id":${id}}`, 'incremental'), {
        timeoutMs: 30_000,
        what: `account ${id} again, as op=r with source.snapshot "incremental"`,
        hint: 'the signal row must go into the table signal.data.collection names, with the type execute-snapshot',
        docs: ctx.stage.docs,
      });
    }
  },
};
