import { describe, expect, it } from 'vitest';
import { BEGINNING } from '../src/bookmark.ts';
import { LoadStats } from '../src/load-stats.ts';
import { formatRow, loadSummary, pollReport } from '../src/report.ts';
import { lineFormats } from './contract.ts';
import { parsePolls } from './poll-output.ts';

const startedAt = new Date(2026, 0, 5, 10, 0, 5);
const bob = { id: '5', name: 'Bob', updatedAt: '2026-01-05T09:00:03.512345Z' };

describe('what the poller prints', () => {
  it('prints an empty poll with its cost', () => {
    expect(pollReport(startedAt, { rows: [], bookmark: BEGINNING, queries: 1 }))
      .toBe('[2026-01-05 10:00:05] Polling... No changes. (1 query, 0 rows read)');
  });

  it('prints the rows found under the poll line, one per line', () => {
    expect(pollReport(startedAt, { rows: [bob], bookmark: BEGINNING, queries: 1 }).split('\n')).toEqual([
      '[2026-01-05 10:00:05] Polling... Found 1 change (1 query, 1 row read):',
      "  User(id=5, name='Bob', updated_at=2026-01-05T09:00:03.512345Z)",
    ]);
  });

  it('escapes names the way Python would show them', () => {
    expect(formatRow({ ...bob, name: "O'Neil \\ co\nnext" })).toBe("User(id=5, name='O\\'Neil \\\\ co\\nnext', updated_at=2026-01-05T09:00:03.512345Z)");
  });

  it('is read back by the grader as printed', () => {
    const eve = { id: '6', name: "O'Neil", updatedAt: '2026-01-05T09:00:04.000001Z' };
    const lines = [
      'Polling poller.users (it already exists).',
      ...pollReport(startedAt, { rows: [], bookmark: BEGINNING, queries: 1 }).split('\n'),
      ...pollReport(startedAt, { rows: [bob, eve], bookmark: BEGINNING, queries: 2 }).split('\n'),
    ];
    const polls = parsePolls(lines);
    expect(polls.map((poll) => [poll.found, poll.queries, poll.rowsRead])).toEqual([[0, 1, 0], [2, 2, 2]]);
    expect(polls[1]!.rows.map((row) => [row.id, row.name])).toEqual([['5', 'Bob'], ['6', "O'Neil"]]);
    // A poll whose rows have not all arrived yet is not complete.
    expect(parsePolls(lines.slice(0, -1))).toHaveLength(1);
  });

  it('sums up the load at the end', () => {
    const stats = new LoadStats();
    stats.record({ queries: 1, rowsRead: 0 });
    stats.record({ queries: 3, rowsRead: 5 });
    const summary = loadSummary(stats);
    expect(summary).toBe('load: 4 queries, 5 rows read in 2 polls (1 found nothing)');
    expect(lineFormats.loadSummary.pattern.exec(summary)?.slice(1)).toEqual(['4', '5', '2']);
  });
});
