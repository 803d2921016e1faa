import { describe, expect, it } from 'vitest';
import { loadManifest } from '@cdc-lab/workbook';
import { formatBiteCoverage, loadBiteCoverage } from '../src/commands/bites.ts';

// The bite tests prove each variant is rejected; this proves each stage has a variant to reject.
describe('every grader stage is proven by a broken variant', async () => {
  const all = await loadBiteCoverage();

  it('covers every built lab', () => {
    expect(all.map(({ lab }) => lab.number)).toEqual(loadManifest().filter((lab) => lab.status === 'built').map((lab) => lab.number));
  });

  for (const { lab, coverage } of all) {
    it(`lab ${lab.number}: no stage without a variant`, () => {
      const gaps = coverage.filter((entry) => entry.variants.length === 0).map((entry) => entry.stage);
      expect(gaps, formatBiteCoverage({ lab, coverage }).join('\n')).toEqual([]);
    });
  }
});
