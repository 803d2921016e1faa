import fs from 'node:fs';
import path from 'node:path';
import { check, waitForSlotReleased, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { replayAgainstTable } from '../grading/checks.ts';
import { createItems, Writer } from '../grading/workload.ts';

const ROWS = 60_000;
const CHUNK = 500;
/**
 * Killed once this many chunks are acknowledged: enough that starting over would read more
 * than the one chunk a crash may repeat, early enough that the grader has most of the snapshot's
 * time to notice, however loaded the machine.
 */
const KILL_AFTER_ROWS = 4 * CHUNK;
const docs = 'docs/06-snapshot-stream.md#resuming-after-a-crash';

/** The bookmark the program keeps in CDC_STATE_DIR/snapshot.json (documented in the chapter). */
function bookmark(stateDir: string): number {
  try {
    const state = JSON.parse(fs.readFileSync(path.join(stateDir, 'snapshot.json'), 'utf8')) as { pending?: { after: string[] | null }[] };
    return Number(state.pending?.[0]?.after?.[0] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Killed (SIGKILL, as a crash) a few chunks into the initial snapshot, with a writer
 * running, then started again: the second run must finish the snapshot without reading the
 * rows already in Kafka again (one chunk may come twice: the one whose acknowledgement raced
 * the crash), and the topic must still replay to the table exactly.
 */
export const resumeAfterCrash: Stage = {
  slug: 'resume-after-crash',
  title: 'A crash in the middle of the snapshot resumes without starting over',
  docs,
  timeoutMs: 180_000,
  async run(ctx) {
    await createItems(ctx.db, ROWS);
    console.log(`[tester::#resume-after-crash] seed ${ctx.random.seed}`);
    const writer = new Writer(ctx.db, ctx.random, ROWS).start();
    try {
      const first = ctx.start({ args: ['--chunk-size', String(CHUNK)], label: 'your_program (first run)' });
      await first.waitForLine(lineFormats.snapshotOfTable.pattern, { timeoutMs: 60_000, docs });
      const deadline = Date.now() + 60_000;
      while (bookmark(ctx.stateDir) < KILL_AFTER_ROWS && Date.now() < deadline && !first.hasExited) await new Promise((resolve) => setTimeout(resolve, 10));
      await first.kill();
      const crashedAt = bookmark(ctx.stateDir);
      check(crashedAt >= KILL_AFTER_ROWS && crashedAt < ROWS, {
        expected: `${path.join('CDC_STATE_DIR', 'snapshot.json')} to record the last acknowledged chunk's key (pending[0].after) as the snapshot goes`,
        got: `bookmark ${crashedAt} when the program was killed\n${first.transcript()}`,
        hint: 'after Kafka acknowledges each chunk, write the table and its last key to the state file',
        docs,
      });
      // A killed program's walsender lets go of the slot only once it notices: restarting
      // before then would be refused (slot in use), as it would be for anyone restarting at once.
      await waitForSlotReleased(ctx.db, { slot: ctx.names.slot, process: first, label: 'your_program (first run)', docs, drained: async () => {}, transcript: () => first.transcript() });
      const second = ctx.start({ args: ['--chunk-size', String(CHUNK)], label: 'your_program (second run)' });
      // Finished as an incremental snapshot (the reference), or by any other way that prints its end.
      const finished = await second.waitForLine((line) => lineFormats.incrementalComplete.pattern.test(line) || lineFormats.snapshotComplete.pattern.test(line), { timeoutMs: 90_000, what: 'the rest of the snapshot to complete', docs });
      if (lineFormats.snapshotComplete.pattern.test(finished.line)) await second.waitForLine(lineFormats.listening.pattern, { timeoutMs: 30_000, docs });
      await writer.stop();
      const replayed = await replayAgainstTable(ctx, second, { knowsEveryRow: false, rereadsCounted: true, docs });
      check(replayed.readAgain <= CHUNK, {
        expected: `at most one chunk (${CHUNK} rows) read twice across the crash`,
        got: `${replayed.readAgain} rows read twice (${replayed.initialReads} initial reads, ${replayed.incrementalReads} incremental)`,
        hint: 'on restart, continue after the bookmarked key instead of starting the snapshot over',
        docs,
      });
    } finally {
      await writer.stop();
    }
  },
};
