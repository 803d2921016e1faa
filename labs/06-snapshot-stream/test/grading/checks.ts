import { check, type StageContext } from '@cdc-lab/grading';
import { differences, replay, type Replay } from './replay.ts';
import { tableRows, waitUntilStreamed } from './workload.ts';
import type { LabProcess } from '@cdc-lab/grading';

const DOCS = 'docs/06-snapshot-stream.md';

/** Wait until the program has everything in Kafka, read the items topic and replay it against the table. */
export async function replayAgainstTable(ctx: StageContext, program: LabProcess, options: { knowsEveryRow: boolean; rereadsCounted?: boolean; docs: string }): Promise<Replay> {
  const streamed = await waitUntilStreamed(ctx.db, ctx.names.slot);
  check(streamed, {
    expected: 'the slot to confirm every change within 90 s once the writer stopped (the program confirms after Kafka acknowledges)',
    got: `confirmed_flush_lsn did not reach the last commit\n${program.transcript()}`,
    hint: 'after the snapshot, stream from the slot and confirm each transaction once Kafka has its events',
    docs: options.docs,
  });
  const records = await ctx.kafka().readTopic(`${ctx.names.topicPrefix}.public.items`, { timeoutMs: 60_000 });
  const replayed = replay(records, { knowsEveryRow: options.knowsEveryRow, rereadsCounted: options.rereadsCounted ?? false });
  check(replayed.problems.length === 0, {
    expected: 'the snapshot and the stream to meet exactly: every row read once, every later change streamed once',
    got: replayed.problems.join('\n'),
    hint: 'read the tables in a REPEATABLE READ transaction that imports the slot\'s exported snapshot (SET TRANSACTION SNAPSHOT), and stream from the slot\'s consistent point',
    docs: options.docs,
  });
  const table = await tableRows(ctx.db);
  const found = differences(replayed.rows, table);
  check(found.length === 0, {
    expected: `replaying the topic (last event per key, deletes remove) to give the table's ${table.size} rows exactly`,
    got: found.join('\n'),
    hint: 'the snapshot must be exact and the stream must start where the snapshot ends; in an incremental snapshot, rows that change between the watermarks must be dropped from the chunk',
    docs: options.docs,
  });
  return replayed;
}

export { DOCS };
