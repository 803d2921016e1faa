import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The starter holds the lesson's files, with TODOs and the reference's exports, and the wiring
 * (main.ts, parts.ts) as the same text; every other module is the reference's own, so the given
 * parts cannot drift apart from it.
 */
const lab = new URL('../', import.meta.url);
const files = (dir: string) => fs.readdirSync(new URL(dir, lab)).filter((name) => name.endsWith('.ts')).sort();
const read = (file: string) => fs.readFileSync(new URL(file, lab), 'utf8');

const LESSON_FILES = ['capture-range.ts', 'segments.ts', 'transaction-filter.ts', 'waldump-parser.ts'];
const SAME_TEXT = ['main.ts', 'parts.ts'];

describe('the starter', () => {
  it('holds the lesson\'s files and the wiring, and nothing else', () => {
    expect(files('starter/')).toEqual([...LESSON_FILES, ...SAME_TEXT].sort());
  });

  it('wires the lesson the same way as the reference', () => {
    // The starter reaches the given modules in src/, where the reference has them beside it.
    for (const file of SAME_TEXT) expect(read(`starter/${file}`).replaceAll("from '../src/", "from './"), file).toBe(read(`src/${file}`));
  });

  it('exports the same names from the lesson\'s files, each TODO pointing at a section of the chapter', async () => {
    const chapter = read('../../docs/02-wal-inspector.md');
    const anchors = new Set([...chapter.matchAll(/^#{2,4} (.+)$/gm)].map((match) => slug(match[1]!)));
    for (const file of LESSON_FILES) {
      const [reference, starter] = await Promise.all([import(new URL(`src/${file}`, lab).href), import(new URL(`starter/${file}`, lab).href)]) as Record<string, unknown>[];
      expect(Object.keys(starter!).sort(), file).toEqual(Object.keys(reference!).sort());
      const todos = [...read(`starter/${file}`).matchAll(/todo\('.+?', 'docs\/02-wal-inspector\.md#([^']+)'\)/g)];
      expect(todos.length, `${file} has TODOs`).toBeGreaterThan(0);
      for (const [, anchor] of todos) expect(anchors, `${file} points at #${anchor}`).toContain(anchor);
    }
  });

  it('is graded against sections the chapter has', () => {
    const chapter = read('../../docs/02-wal-inspector.md');
    const anchors = new Set([...chapter.matchAll(/^#{2,4} (.+)$/gm)].map((match) => slug(match[1]!)));
    for (const [, anchor] of read('test/checks.ts').matchAll(/\$\{CHAPTER\}#([^`]+)`/g)) expect(anchors).toContain(anchor);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped (but - and _), spaces as dashes. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}
