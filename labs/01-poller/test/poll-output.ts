import { lineFormats } from './contract.ts';

/**
 * Reading the poller's output, the way the chapter's contract documents it:
 *
 *   [2026-01-05 10:00:00] Polling... No changes. (1 query, 0 rows read)
 *   [2026-01-05 10:00:05] Polling... Found 2 changes (1 query, 2 rows read):
 *     User(id=5, name='Bob', updated_at=2026-01-05T10:00:03.512345Z)
 *     User(id=6, name='Eve', updated_at=2026-01-05T10:00:04.001200Z)
 *
 * Only the parts up to the name are required of a row line; anything after it is the
 * program's own business. The patterns are the contract's (contract.ts).
 */
export interface ReportedRow {
  id: string;
  name: string;
  line: string;
}

export interface ReportedPoll {
  /** Index of the poll's first line in the program's output. */
  index: number;
  /** Index just past its last line. */
  end: number;
  found: number;
  queries: number | undefined;
  rowsRead: number | undefined;
  rows: ReportedRow[];
  line: string;
}

const POLL_LINE = lineFormats.poll.pattern;
const LOAD = lineFormats.pollCost.pattern;
const ROW = lineFormats.row.pattern;

/** Complete polls printed from line `from` on; a poll whose rows are still arriving is left out. */
export function parsePolls(lines: readonly string[], from = 0): ReportedPoll[] {
  const polls: ReportedPoll[] = [];
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index]!;
    const head = POLL_LINE.exec(line);
    if (!head) continue;
    const found = head[1] === undefined ? 0 : Number(head[1]);
    const load = LOAD.exec(line);
    const rows: ReportedRow[] = [];
    for (let next = index + 1; next < lines.length && rows.length < found; next += 1) {
      const row = ROW.exec(lines[next]!);
      if (!row) break;
      rows.push({ id: row[1]!, name: unescape(row[2]!), line: lines[next]!.trim() });
    }
    if (rows.length < found) break;
    polls.push({
      index,
      end: index + 1 + rows.length,
      found,
      queries: load ? Number(load[1]) : undefined,
      rowsRead: load ? Number(load[2]) : undefined,
      rows,
      line,
    });
    index += rows.length;
  }
  return polls;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

export function describeRows(rows: readonly ReportedRow[]): string {
  return rows.length === 0 ? 'no rows' : rows.map((row) => `User(id=${row.id}, name='${row.name}')`).join(', ');
}
