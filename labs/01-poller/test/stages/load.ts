import { check, fail, type Stage } from '@cdc-lab/grading';
import { insertUsers } from '../demo-rows.ts';
import { lineFormats } from '../contract.ts';
import { PollerRun } from '../poller-run.ts';

const BATCH_SIZE = 2;

/**
 * What polling costs, as numbers the program prints: every poll line carries its queries and
 * rows read, and the summary at exit adds them up. An empty poll still costs a query; a poll
 * that reads n rows in pages of 2 costs floor(n / 2) + 1 queries (the last page is short).
 */
export const load: Stage = {
  slug: 'load',
  title: 'reports the queries and rows read by each poll, and their totals at exit',
  docs: 'docs/01-poller.md#measuring-the-load',
  async run(ctx) {
    const poller = PollerRun.start(ctx, { args: ['--batch-size', String(BATCH_SIZE)] });
    for (const poll of await poller.nextPolls(2, { from: 0 })) {
      check(poll.queries === 1 && poll.rowsRead === 0, {
        expected: 'an empty poll to say what it cost: "(1 query, 0 rows read)"',
        got: poll.line,
        docs: poller.docs,
        transcript: poller.transcript(),
      });
    }

    const count = ctx.random.int(BATCH_SIZE + 1, 7);
    const mark = poller.mark;
    await insertUsers(ctx.db, Array.from({ length: count }, (_, index) => `Load ${index + 1}`));
    const busy = await poller.nextChange({ from: mark });
    const queries = Math.floor(count / BATCH_SIZE) + 1;
    check(busy.queries === queries && busy.rowsRead === count, {
      expected: `the poll that read ${count} rows in pages of ${BATCH_SIZE} to report "(${queries} queries, ${count} rows read)": one query per page, and one more after a full page`,
      got: busy.line,
      hint: 'count every SELECT the poll sends, not one per poll',
      docs: poller.docs,
      transcript: poller.transcript(),
    });

    poller.process.signal('SIGINT');
    await poller.process.waitForExit({ what: 'the program to exit after SIGINT' });
    const polls = poller.polls(0);
    const summary = poller.process.lines.map((line) => lineFormats.loadSummary.pattern.exec(line)).find((match) => match !== null);
    if (!summary) {
      fail({
        expected: 'a summary line at exit, like "load: 12 queries, 7 rows read in 10 polls"',
        got: 'none',
        docs: poller.docs,
        transcript: poller.transcript(),
      });
    }
    const totals = {
      queries: polls.reduce((sum, poll) => sum + (poll.queries ?? 0), 0),
      rows: polls.reduce((sum, poll) => sum + (poll.rowsRead ?? 0), 0),
    };
    check(Number(summary[1]) === totals.queries && Number(summary[2]) === totals.rows && Number(summary[3]) === polls.length, {
      expected: `the summary to add up the ${polls.length} polls printed: "load: ${totals.queries} queries, ${totals.rows} rows read in ${polls.length} polls"`,
      got: summary[0],
      docs: poller.docs,
      transcript: poller.transcript(),
    });
  },
};
