/**
 * A lab's contract in code: the line formats its stages match on the program's output. Each
 * format carries an example, and the chapter's "Contract" section must show that example
 * verbatim, so a learner building in any language sees every line a stage reads.
 */
export interface LineFormat {
  /** What the line is, in a few words: "a poll line", "the summary on exit". */
  name: string;
  /** The pattern a stage matches the line against. */
  pattern: RegExp;
  /** A real line the pattern accepts, as the chapter's contract shows it. */
  example: string;
}

export type LineFormats = Readonly<Record<string, LineFormat>>;

/** Declare a lab's line formats; an example its own pattern rejects is a mistake in the contract. */
export function defineLineFormats<const T extends LineFormats>(formats: T): T {
  for (const [key, format] of Object.entries(formats)) {
    if (!format.pattern.test(format.example)) {
      throw new Error(`line format ${key} (${format.name}): its example ${JSON.stringify(format.example)} does not match ${format.pattern}`);
    }
  }
  return formats;
}

/** The text of a chapter's `## Contract` section, up to the next second-level heading. */
export function contractSection(chapter: string): string | undefined {
  const match = /^## Contract[ \t]*$/m.exec(chapter);
  if (!match) return undefined;
  const rest = chapter.slice(match.index + match[0].length);
  const next = /^## /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** The subsections every contract has, in this order. */
export const CONTRACT_SUBSECTIONS = ['Invocation', 'Environment', 'Output', 'Errors', 'Exit codes', 'Signals', 'State files', 'Stages'] as const;

/** Third-level headings of a contract section. */
export function contractSubsections(section: string): string[] {
  return [...section.matchAll(/^### (.+?)[ \t]*$/gm)].map((match) => match[1]!);
}

/** The stage slugs listed in the contract's Stages table: the first cell of each row, in backticks. */
export function contractStages(section: string): string[] {
  const stages = /^### Stages[ \t]*$/m.exec(section);
  if (!stages) return [];
  const rest = section.slice(stages.index + stages[0].length);
  const end = /^### /m.exec(rest);
  const table = end ? rest.slice(0, end.index) : rest;
  return [...table.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|/gm)].map((match) => match[1]!);
}
