import { check, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { replayAgainstTable } from '../grading/checks.ts';
import { createItems, Writer } from '../grading/workload.ts';

const ROWS = 100_000;
const docs = 'docs/06-snapshot-stream.md#the-exported-snapshot';

/**
 * 100,000 rows, and a writer inserting, updating and deleting throughout the snapshot. The
 * topic, replayed in order, must never insert a key it already has nor change one it never
 * read, and must end as the table ends. The number of r events must be the number of rows at
 * the consistent point, counted from the topic itself: (rows at the end) − (inserts streamed
 * after the point) + (deletes streamed after it). The strict replay is what makes that count
 * trustworthy: without a gap or an overlap, every key's first event after the point says
 * whether it existed at the point.
 */
export const initialSnapshot: Stage = {
  slug: 'initial-snapshot',
  title: 'The initial snapshot meets the stream exactly, with writes racing it',
  docs,
  timeoutMs: 180_000,
  async run(ctx) {
    await createItems(ctx.db, ROWS);
    console.log(`[tester::#initial-snapshot] seed ${ctx.random.seed}`);
    const writer = new Writer(ctx.db, ctx.random, ROWS).start();
    const program = ctx.start({ args: ['--chunk-size', '5000'] });
    try {
      await program.waitForLine(lineFormats.snapshotComplete.pattern, { timeoutMs: 120_000, what: 'the snapshot to complete', docs });
      await program.waitForLine(lineFormats.listening.pattern, { timeoutMs: 15_000, docs });
    } finally {
      await writer.stop();
    }
    const replayed = await replayAgainstTable(ctx, program, { knowsEveryRow: true, docs });
    const table = (await ctx.db.query<{ count: string }>('SELECT count(*) AS count FROM public.items')).rows[0]!.count;
    const atPoint = Number(table) - replayed.creates + replayed.deletes;
    check(replayed.initialReads === atPoint, {
      expected: `${atPoint} r events: the rows at the consistent point (${table} at the end − ${replayed.creates} inserted after it + ${replayed.deletes} deleted after it)`,
      got: `${replayed.initialReads} r events`,
      hint: 'each row of the exported snapshot is read exactly once',
      docs,
    });
    console.log(`[tester::#initial-snapshot] ${replayed.initialReads} r events; streamed after the consistent point: ${replayed.creates} inserts, ${replayed.deletes} deletes; the writer made ${JSON.stringify(writer.counts)}`);
    const marks = replayed.markers;
    check(marks[0] === 'first' && marks.at(-1) === 'last' && marks.slice(1, -1).every((mark) => mark === 'true'), {
      expected: 'source.snapshot "first" on the first r event, "last" on the last, "true" on the others (one table)',
      got: `first ${marks[0]}, last ${marks.at(-1)}, others ${[...new Set(marks.slice(1, -1))].join(', ')}`,
      hint: 'mark snapshot rows as Debezium 3.0 does (snapshot/markers.ts)',
      docs: 'docs/06-snapshot-stream.md#snapshot-markers',
    });
  },
};
