import { defineLineFormats } from '@cdc-lab/grading';

/**
 * Lab 1's contract in code: every line of the poller's stdout a stage matches, with a real line
 * of the reference for each. The chapter's "Contract" section shows each example verbatim.
 *
 * A poll line starts the line; its cost may be anywhere in it. A row line may be indented, and
 * only its part up to the name is read: what follows is the program's own business.
 */
export const lineFormats = defineLineFormats({
  poll: {
    name: 'a poll line, with the number of rows it found',
    pattern: /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] Polling\.\.\. (?:No changes\.|Found (\d+) changes?\b)/,
    example: '[2026-12-07 19:45:37] Polling... Found 2 changes (1 query, 2 rows read):',
  },
  pollCost: {
    name: 'the cost of a poll, in its poll line',
    pattern: /\((\d+) quer(?:y|ies), (\d+) rows? read\)/,
    example: '[2026-12-07 19:45:34] Polling... No changes. (1 query, 0 rows read)',
  },
  row: {
    name: 'a row line, under the poll line that found it',
    pattern: /User\(id=(-?\d+), name='((?:[^'\\]|\\.)*)'/,
    example: "  User(id=2, name='O\\'Neil', updated_at=2026-12-07T19:45:36.621519Z)",
  },
  loadSummary: {
    name: 'the load summary, printed on exit',
    pattern: /^load: (\d+) quer(?:y|ies), (\d+) rows? read in (\d+) polls?\b/,
    example: 'load: 4 queries, 2 rows read in 4 polls (3 found nothing)',
  },
});
