/**
 * The SQL of a chapter. A fenced block whose info string is exactly `sql` is the chapter's
 * runnable SQL: a learner may paste the blocks into psql in document order, and a test runs
 * them so, lab after lab, in one database. SQL that only illustrates — a query with `$1`, a
 * replication command, two sessions interleaved — is fenced as `sql-illustration` instead
 * (docs/writing-a-lab.md#sql-in-a-chapter).
 */
export const RUNNABLE_SQL = 'sql';
export const ILLUSTRATIVE_SQL = 'sql-illustration';

export interface FencedBlock {
  /** The info string after the opening fence, trimmed: `sql`, `sh`, `` (none). */
  info: string;
  /** Line of the opening fence, counted from 1. */
  line: number;
  /** The lines between the fences, without the fence's own indentation. */
  text: string;
}

const OPENING_FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;
const CLOSING_FENCE = /^\s*(`{3,}|~{3,})\s*$/;

/** Every fenced code block of a Markdown text, in order; an unclosed one runs to the end. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { indent: number; fence: string; info: string; line: number; body: string[] } | undefined;
  markdown.split(/\r?\n/).forEach((line, index) => {
    if (!open) {
      const opening = OPENING_FENCE.exec(line);
      if (opening) open = { indent: opening[1]!.length, fence: opening[2]!, info: opening[3]!.trim(), line: index + 1, body: [] };
      return;
    }
    const closing = CLOSING_FENCE.exec(line);
    // A fence closes only with the same character, at least as many times (CommonMark).
    if (closing && closing[1]![0] === open.fence[0] && closing[1]!.length >= open.fence.length) {
      blocks.push({ info: open.info, line: open.line, text: open.body.join('\n') });
      open = undefined;
      return;
    }
    open.body.push(line.slice(Math.min(open.indent, line.length - line.trimStart().length)));
  });
  if (open) blocks.push({ info: open.info, line: open.line, text: open.body.join('\n') });
  return blocks;
}

/** The chapter's runnable SQL, in document order. */
export function runnableSql(markdown: string): FencedBlock[] {
  return fencedBlocks(markdown).filter((block) => block.info === RUNNABLE_SQL);
}

/**
 * Blocks that look like SQL but follow neither spelling (`SQL`, `sql runnable`, `postgresql`):
 * a typo would silently take a block out of the run, so it is an error instead.
 */
export function misfencedSql(markdown: string): FencedBlock[] {
  return fencedBlocks(markdown).filter(
    (block) => /sql/i.test(block.info) && block.info !== RUNNABLE_SQL && block.info !== ILLUSTRATIVE_SQL,
  );
}
