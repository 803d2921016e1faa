import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { colour } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { findLab, loadManifest, type Lab } from '@cdc-lab/workbook';
import { biteCoverage, type BiteSuite, type StageCoverage } from '@cdc-lab/grading';

export interface LabBites {
  lab: Lab;
  coverage: StageCoverage[];
}

/** Each built lab's stages with the broken variants that prove them, read from its bite tests. */
export async function loadBiteCoverage(labs: Lab[] = loadManifest().filter((lab) => lab.status === 'built')): Promise<LabBites[]> {
  const result: LabBites[] = [];
  for (const lab of labs) {
    const file = path.join(repoRoot(), lab.dir, 'test', 'bites.ts');
    const { bites } = (await import(pathToFileURL(file).href)) as { bites: BiteSuite };
    result.push({ lab, coverage: biteCoverage(bites) });
  }
  return result;
}

export function formatBiteCoverage({ lab, coverage }: LabBites): string[] {
  const lines = [colour.bold(`Lab ${lab.number} — ${lab.title}`)];
  const width = Math.max(...coverage.map((entry) => entry.stage.length));
  for (const entry of coverage) {
    const stage = entry.stage.padEnd(width);
    if (entry.variants.length === 0) {
      lines.push(`  ${colour.red(stage)}  ${colour.red('no broken variant proves this stage')}`);
      continue;
    }
    entry.variants.forEach((variant, index) => {
      const name = path.basename(variant.file);
      lines.push(`  ${index === 0 ? stage : ' '.repeat(width)}  ${name} — ${variant.why}`);
    });
  }
  return lines;
}

/**
 * `pnpm bites [lab]`: which deliberately wrong program each grader stage rejects. Exits
 * non-zero when a stage has none, since such a stage is not known to bite.
 */
export async function bitesCommand(args: readonly string[]): Promise<void> {
  const labs = loadManifest();
  const chosen = args.length > 0 ? args.map((query) => findLab(labs, query)) : labs.filter((lab) => lab.status === 'built');
  const all = await loadBiteCoverage(chosen);
  for (const labBites of all) {
    console.log(formatBiteCoverage(labBites).join('\n'));
    console.log('');
  }
  const gaps = all.flatMap(({ lab, coverage }) => coverage.filter((entry) => entry.variants.length === 0).map((entry) => `${lab.number}/${entry.stage}`));
  const stages = all.reduce((sum, { coverage }) => sum + coverage.length, 0);
  console.log(`${stages - gaps.length} of ${stages} stages are proven by a broken variant.`);
  if (gaps.length > 0) {
    console.log(colour.red(`Without one: ${gaps.join(', ')}`));
    process.exitCode = 1;
  }
}
