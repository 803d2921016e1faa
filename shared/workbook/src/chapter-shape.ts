/**
 * The shape of a chapter, as the course's rules want it: a core (everything before the
 * `## Appendix` heading) a newcomer reads in about twenty minutes, and its sections in order.
 */
export interface ChapterShape {
  /** Words of prose in the core; fenced code blocks are not counted. */
  coreWords: number;
  hasAppendix: boolean;
  /** The `## ` headings, in order. */
  sections: string[];
}

export function chapterShape(markdown: string): ChapterShape {
  const sections = [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim());
  const appendix = /^## Appendix\b.*$/m.exec(markdown);
  const core = appendix ? markdown.slice(0, appendix.index) : markdown;
  const prose = core.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  const coreWords = prose.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return { coreWords, hasAppendix: appendix !== null, sections };
}
