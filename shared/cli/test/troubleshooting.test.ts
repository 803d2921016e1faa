import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { loadBiteCoverage } from '../src/commands/bites.ts';

const page = fs.readFileSync(path.join(repoRoot(), 'docs', 'troubleshooting.md'), 'utf8');
const table = page.slice(page.indexOf('## What goes wrong while the labs run'));

// The troubleshooting page promises that each case is graded: every stage it names must exist.
describe('docs/troubleshooting.md', async () => {
  const stages = new Set((await loadBiteCoverage()).flatMap(({ lab, coverage }) => coverage.map((entry) => `${lab.number}/${entry.stage}`)));
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| What') && !line.startsWith('|---'));

  it('lists at least 25 graded cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it('names only stages that exist', () => {
    const named = rows.flatMap((row) => [...row.matchAll(/`(\d)\/([a-z0-9-]+)`/g)].map((match) => `${match[1]}/${match[2]}`));
    expect(named.length).toBeGreaterThanOrEqual(rows.length - 2);
    expect(named.filter((name) => !stages.has(name))).toEqual([]);
  });
});
