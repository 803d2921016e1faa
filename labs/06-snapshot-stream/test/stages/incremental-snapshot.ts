import { check, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { replayAgainstTable } from '../grading/checks.ts';
import { createItems, Writer } from '../grading/workload.ts';

const ROWS = 20_000;
const docs = 'docs/06-snapshot-stream.md#incremental-snapshots';

/*
 * Changes inside every window, for sure: a trigger on the signal table fires when the program
 * writes a high watermark (type snapshot-window-close, data {"after": [<key>] | null}), and —
 * in the same transaction, so before the watermark in the WAL but after the chunk's SELECT —
 * updates the chunk's first row and deletes its second. A program that keeps the SELECTed
 * copies of those rows emits a stale row over the update and resurrects the deleted one.
 */
const RACE_THE_HIGH_WATERMARK = `
CREATE FUNCTION public.grader_race() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  after_id bigint := coalesce((NEW.data::jsonb -> 'after' ->> 0)::bigint, 0);
  first_id bigint;
BEGIN
  IF NEW.type = 'snapshot-window-close' THEN
    SELECT id INTO first_id FROM public.items WHERE id > after_id ORDER BY id LIMIT 1;
    UPDATE public.items SET v = 'raced', n = n + 1 WHERE id = first_id;
    DELETE FROM public.items WHERE id = (SELECT id FROM public.items WHERE id > first_id ORDER BY id LIMIT 1);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER grader_race BEFORE INSERT ON public.cdc_signals FOR EACH ROW EXECUTE FUNCTION public.grader_race();`;

/**
 * Started with --snapshot no_data, so the 20,000 existing rows reach Kafka only through an
 * incremental snapshot, triggered by an execute-snapshot signal, paused and resumed by
 * signals, while a writer changes random rows and the trigger races every chunk.
 */
export const incrementalSnapshot: Stage = {
  slug: 'incremental-snapshot',
  title: 'An incremental snapshot triggered by a signal, exact while changes race every chunk',
  docs,
  timeoutMs: 180_000,
  async run(ctx) {
    await createItems(ctx.db, ROWS);
    console.log(`[tester::#incremental-snapshot] seed ${ctx.random.seed}`);
    const program = ctx.start({ args: ['--snapshot', 'no_data', '--chunk-size', '1000'] });
    await program.waitForLine(lineFormats.listening.pattern, { timeoutMs: 30_000, docs });
    await ctx.db.query(RACE_THE_HIGH_WATERMARK);
    const writer = new Writer(ctx.db, ctx.random, ROWS).start();
    try {
      await ctx.db.query(`INSERT INTO public.cdc_signals (id, type, data) VALUES ('grader-1', 'execute-snapshot', '{"data-collections": ["public.items"]}')`);
      await program.waitForLine(lineFormats.incrementalChunk.pattern, { timeoutMs: 30_000, what: 'a first chunk of the incremental snapshot', docs });
      await ctx.db.query(`INSERT INTO public.cdc_signals (id, type, data) VALUES ('grader-2', 'pause-snapshot', NULL)`);
      await program.waitForLine(lineFormats.incrementalPaused.pattern, { timeoutMs: 30_000, docs: 'docs/06-snapshot-stream.md#pausing-and-resuming' });
      await ctx.db.query(`INSERT INTO public.cdc_signals (id, type, data) VALUES ('grader-3', 'resume-snapshot', NULL)`);
      await program.waitForLine(lineFormats.incrementalComplete.pattern, { timeoutMs: 90_000, what: 'the incremental snapshot to complete', docs });
    } finally {
      await writer.stop();
    }
    const replayed = await replayAgainstTable(ctx, program, { knowsEveryRow: false, docs });
    check(replayed.incrementalReads > 0 && replayed.markers.length === 0, {
      expected: 'r events marked source.snapshot "incremental", and no initial-snapshot reads under --snapshot no_data',
      got: `${replayed.incrementalReads} incremental reads, ${replayed.markers.length} others`,
      hint: 'mark the rows of an incremental snapshot "incremental", as Debezium does',
      docs,
    });
  },
};
