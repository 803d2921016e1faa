import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { loadManifest } from '../src/manifest.ts';
import { chapterShape } from '../src/chapter-shape.ts';

/**
 * A chapter has a core a newcomer reads in about twenty minutes, then an appendix for the deep
 * details, and ends with the pointers into the reference, to read after passing.
 */
const built = loadManifest().filter((lab) => lab.status === 'built');

describe.each(built.map((lab) => [lab.number, lab] as const))('lab %i chapter', (_number, lab) => {
  const shape = chapterShape(fs.readFileSync(path.join(repoRoot(), lab.docs), 'utf8'));

  it('has a core of at most 3,000 words of prose, then an appendix', () => {
    expect(shape.hasAppendix, `${lab.docs} has no "## Appendix" heading`).toBe(true);
    expect(shape.coreWords, `${lab.docs}'s core (before "## Appendix", code blocks left out)`).toBeLessThanOrEqual(3000);
  });

  it('ends with the comparison with the reference, to read after passing', () => {
    expect(shape.sections.at(-1), `${lab.docs}'s last section`).toMatch(/^Compare with the reference/);
    expect(shape.sections.filter((title) => /how the reference works/i.test(title)), 'a walk through the reference before the learner has written it').toEqual([]);
  });
});

describe('chapterShape', () => {
  it('counts the core\'s prose words and lists the sections', () => {
    const shape = chapterShape('# Lab\n\nOne two three.\n\n```ts\nnot counted at all\n```\n\n## Idea\n\nFour five.\n\n## Appendix\n\nSix seven eight.\n\n## Compare with the reference\n');
    expect(shape).toEqual({ coreWords: 7, hasAppendix: true, sections: ['Idea', 'Appendix', 'Compare with the reference'] });
  });
});
