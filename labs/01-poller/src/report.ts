import { timestamp } from '@cdc-lab/common';
import { describeBookmark, type Bookmark } from './bookmark.ts';
import type { LoadStats } from './load-stats.ts';
import type { ChangedRow, PollResult } from './poll.ts';
import type { Settings } from './settings.ts';

/**
 * Everything the poller prints. These lines are its interface: the chapter documents them and
 * the grader reads them, so their shape changes only together with both.
 *
 *   [2026-01-05 10:00:00] Polling... No changes. (1 query, 0 rows read)
 *   [2026-01-05 10:00:05] Polling... Found 1 change (1 query, 1 row read):
 *     User(id=5, name='Bob', updated_at=2026-01-05T10:00:03.512345Z)
 */
export function pollReport(startedAt: Date, poll: PollResult): string {
  const load = `(${plural(poll.queries, 'query', 'queries')}, ${plural(poll.rows.length, 'row')} read)`;
  const head = `[${timestamp(startedAt)}] Polling...`;
  if (poll.rows.length === 0) return `${head} No changes. ${load}`;
  const lines = [`${head} Found ${plural(poll.rows.length, 'change')} ${load}:`];
  for (const row of poll.rows) lines.push(`  ${formatRow(row)}`);
  return lines.join('\n');
}

/** A row in the shape of a data-class repr, with the timestamp the bookmark holds (the chapter's Contract gives the quoting rule). */
export function formatRow(row: ChangedRow): string {
  return `User(id=${row.id}, name=${quote(row.name)}, updated_at=${row.updatedAt})`;
}

export function startReport(settings: Settings, bookmark: Bookmark | undefined, table: 'created' | 'found'): string {
  const lines = [
    table === 'created'
      ? 'Created poller.users, with a trigger that sets updated_at on every INSERT and UPDATE.'
      : 'Polling poller.users (it already exists).',
    `Every ${settings.intervalMs} ms, ${settings.mode} bookmark, lag ${settings.lagMs} ms, pages of ${settings.batchSize} rows.`,
    bookmark
      ? `Resuming after ${describeBookmark(bookmark)}, saved in ${settings.stateFile}.`
      : `No bookmark in ${settings.stateFile} yet: starting from the beginning.`,
  ];
  return lines.join('\n');
}

export function stopReport(bookmark: Bookmark, settings: Settings, stats: LoadStats): string {
  return [
    `Stopped. Bookmark ${describeBookmark(bookmark)} saved in ${settings.stateFile}.`,
    loadSummary(stats),
  ].join('\n');
}

export function loadSummary(stats: LoadStats): string {
  return `load: ${plural(stats.queries, 'query', 'queries')}, ${plural(stats.rowsRead, 'row')} read in ${plural(stats.polls, 'poll')}`
    + ` (${stats.emptyPolls} found nothing)`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}
