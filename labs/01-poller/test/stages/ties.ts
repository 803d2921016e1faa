import path from 'node:path';
import { check, type Stage } from '@cdc-lab/grading';
import { insertUsers } from '../demo-rows.ts';
import { describeRows } from '../poll-output.ts';
import { PollerRun, rowKeys } from '../poller-run.ts';

const BATCH_SIZE = 2;

/**
 * Rows written by one transaction share one updated_at. With pages of two, a page boundary
 * falls inside that tie. The keyset bookmark (updated_at, id) continues after the last id it
 * read; a bookmark on updated_at alone (`--bookmark naive`) skips the rest of the tie for good.
 * Both run side by side over the same table, each with its own state folder.
 */
export const ties: Stage = {
  slug: 'ties',
  title: 'rows sharing one updated_at: keyset reports them all, naive loses the rest of the page',
  docs: 'docs/01-poller.md#ties',
  async run(ctx) {
    const batch = ['--batch-size', String(BATCH_SIZE)];
    const keyset = PollerRun.start(ctx, { args: batch, stateDir: path.join(ctx.stateDir, 'keyset'), label: 'the keyset poller' });
    const naive = PollerRun.start(ctx, { args: [...batch, '--bookmark', 'naive'], stateDir: path.join(ctx.stateDir, 'naive'), label: 'the naive poller' });
    await keyset.nextPolls(1);
    await naive.nextPolls(1);

    const count = ctx.random.int(BATCH_SIZE + 1, 7);
    // Start the ids at 8 so that the tie runs past 9 to 10: ids that sort as text ('10' before
    // '9') are caught too.
    await ctx.db.query(`SELECT setval(pg_get_serial_sequence('"poller"."users"', 'id'), 7)`);
    const [keysetMark, naiveMark] = [keyset.mark, naive.mark];
    const rows = await insertUsers(ctx.db, Array.from({ length: count }, (_, index) => `Tie ${index + 1}`));
    check(new Set(rows.map((row) => row.updatedAt)).size === 1, {
      expected: 'rows inserted by one statement to share one updated_at (the trigger stamps now(), the transaction start)',
      got: rows.map((row) => row.updatedAt).join(', '),
      docs: 'docs/01-poller.md#the-demo-table',
    });

    // Everything committed at once, so the first poll that sees any of it has seen all it will.
    for (const run of [keyset, naive]) {
      const first = await run.nextChange({ from: run === keyset ? keysetMark : naiveMark });
      await run.nextPolls(3, { from: first.end });
    }

    const fromKeyset = keyset.rowsReported(keysetMark);
    check(JSON.stringify(rowKeys(fromKeyset)) === JSON.stringify(rowKeys(rows.map((row) => ({ ...row, line: '' })))), {
      expected: `the keyset poller to report all ${count} rows of one transaction (one updated_at), each once, reading pages of ${BATCH_SIZE}`,
      got: describeRows(fromKeyset),
      hint: `a page ended inside the tie: compare the pair, ("updated_at", "id") > ($1, $2), and order by both (id as a number, not as text), so the next page continues after the last id; updated_at > $1 alone skips the rest`,
      docs: keyset.docs,
      transcript: keyset.transcript(),
    });

    const fromNaive = naive.rowsReported(naiveMark);
    const firstPage = rows.slice(0, BATCH_SIZE);
    check(JSON.stringify(rowKeys(fromNaive)) === JSON.stringify(rowKeys(firstPage.map((row) => ({ ...row, line: '' })))), {
      expected: `--bookmark naive (updated_at > bookmark) to report only the first page, ${describeRows(firstPage.map((row) => ({ ...row, line: '' })))}, and lose the other ${count - BATCH_SIZE} rows of the tie`,
      got: describeRows(fromNaive),
      hint: 'the naive mode compares updated_at alone and still orders by (updated_at, id) with LIMIT --batch-size; it is there to show the loss',
      docs: naive.docs,
      transcript: naive.transcript(),
    });
  },
};
