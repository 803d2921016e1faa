import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { loadManifest } from '@cdc-lab/workbook';
import { CONTRACT_SUBSECTIONS, contractSection, contractStages, contractSubsections, defineLineFormats, type LineFormats } from '../src/contract.ts';
import type { Grader } from '../src/grader.ts';

/**
 * A chapter's Contract section is what a learner in any language builds against, so it must
 * not drift from the grader: the same stages in the same order, and every line format a stage
 * matches shown with a real example.
 */
const built = loadManifest().filter((lab) => lab.status === 'built');

describe('contract helpers', () => {
  it('refuses a line format whose example its pattern rejects', () => {
    expect(() => defineLineFormats({ poll: { name: 'a poll line', pattern: /^Polling/, example: 'polling' } })).toThrow(/does not match/);
  });

  it('reads the stages table and the subsections of a contract', () => {
    const chapter = '# Lab\n\n## Contract\n\n### Invocation\n\nx\n\n### Stages\n\n| stage | checks |\n|---|---|\n| `first` | a |\n| `second-one` | b |\n\n## Next\n\n| `not-this` | c |\n';
    const section = contractSection(chapter)!;
    expect(contractSubsections(section)).toEqual(['Invocation', 'Stages']);
    expect(contractStages(section)).toEqual(['first', 'second-one']);
  });
});

describe.each(built.map((lab) => [lab.number, lab] as const))('lab %i contract', (_number, lab) => {
  const chapter = fs.readFileSync(path.join(repoRoot(), lab.docs), 'utf8');
  const section = contractSection(chapter);

  it(`${lab.docs} has a Contract section with every subsection, in order`, () => {
    expect(section, `${lab.docs} has no "## Contract" section`).toBeDefined();
    const headings = contractSubsections(section!);
    expect(headings.filter((heading) => (CONTRACT_SUBSECTIONS as readonly string[]).includes(heading))).toEqual([...CONTRACT_SUBSECTIONS]);
  });

  it('lists exactly the grader\'s stages, in the order they run', async () => {
    const { grader } = (await import(pathToFileURL(path.join(repoRoot(), lab.dir, 'test', 'grader.ts')).href)) as { grader: Grader };
    expect(contractStages(section ?? '')).toEqual(grader.stages.map((stage) => stage.slug));
  });

  it('marks the extension stages in its stages table, and the grader runs them after every base stage', async () => {
    const { grader } = (await import(pathToFileURL(path.join(repoRoot(), lab.dir, 'test', 'grader.ts')).href)) as { grader: Grader };
    const firstExtension = grader.stages.findIndex((stage) => stage.extension === true);
    if (firstExtension >= 0) expect(grader.stages.slice(firstExtension).filter((stage) => !stage.extension).map((stage) => stage.slug), 'base stages after an extension stage').toEqual([]);
    const rows = new Map([...(section ?? '').matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    for (const stage of grader.stages) {
      expect(/\bextension\b/i.test(rows.get(stage.slug) ?? ''), `${lab.docs}'s stages table says whether ${stage.slug} is an extension stage`).toBe(stage.extension === true);
    }
  });

  it('shows an example of every line format its stages match', async () => {
    const file = path.join(repoRoot(), lab.dir, 'test', 'contract.ts');
    expect(fs.existsSync(file), `${lab.dir}/test/contract.ts declares the line formats the stages match`).toBe(true);
    const { lineFormats } = (await import(pathToFileURL(file).href)) as { lineFormats: LineFormats };
    for (const [key, format] of Object.entries(lineFormats)) {
      expect(section ?? '', `${lab.docs}'s contract shows no example of ${key} (${format.name}): ${format.example}`).toContain(format.example);
    }
  });
});
