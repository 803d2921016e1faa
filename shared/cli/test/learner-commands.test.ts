import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManifest } from '@cdc-lab/workbook';
import { hintCommand, requireHints } from '../src/commands/hint.ts';
import { formatRow, resultsFromReport } from '../src/commands/progress.ts';

const labs = loadManifest();
const built = labs.find((lab) => lab.status === 'built')!;

describe('pnpm hint', () => {
  let printed: string[];
  const log = console.log;
  beforeEach(() => {
    process.env.CDC_LAB_STATE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'hints-'));
    printed = [];
    console.log = (line?: unknown) => printed.push(String(line ?? ''));
  });
  afterEach(() => {
    console.log = log;
    delete process.env.CDC_LAB_STATE_DIR;
  });

  const run = async (...args: string[]) => {
    printed = [];
    await hintCommand([String(built.number), ...args]);
    return printed.join('\n');
  };

  it('reveals one more layer each time, keeping the earlier ones, and remembers where the learner is', async () => {
    const [idea, direction, nearCode] = built.hints.map((hint) => hint.trim());
    const first = await run();
    expect(first).toContain(`hint 1 of 3`);
    expect(first).toContain(idea);
    expect(first).not.toContain(direction);
    const second = await run();
    expect(second).toContain(idea);
    expect(second).toContain(direction);
    expect(second).not.toContain(nearCode);
    expect(await run()).toContain(nearCode);
    expect(await run()).toMatch(/That was the last layer/);
  });

  it('shows everything with --all and hides it again with --reset', async () => {
    expect(await run('--all')).toContain(built.hints[2]!.trim());
    await run('--reset');
    expect(await run()).toContain('hint 1 of 3');
  });

  it('says when a lab has no hints yet', async () => {
    // Every lab is built now: a planned one is made from a built one, as the manifest would say it.
    const planned = { ...built, status: 'planned' as const, hints: [] };
    expect(() => requireHints(planned)).toThrow(/has no hints yet/);
    expect(() => requireHints(built)).not.toThrow();
  });
});

describe('pnpm progress', () => {
  it('counts each lab\'s passing grader checks from the test run\'s report', () => {
    const report = {
      testResults: [
        { name: `/somewhere/${built.dir}/test/grade.test.ts`, assertionResults: [{ status: 'passed', title: 'a' }, { status: 'failed', title: 'b' }] },
        { name: `/somewhere/${built.dir}/test/bites.test.ts`, assertionResults: [{ status: 'passed', title: 'c' }] },
      ],
    };
    expect(resultsFromReport([built], report).get(built.number)).toEqual({ passed: 1, total: 2 });
  });

  it('prints a line per lab: passing, failing with the count, or not built', () => {
    expect(formatRow({ lab: built, state: 'passing', passed: 4, total: 4 })).toMatch(/✔ .*all 4 checks pass/);
    expect(formatRow({ lab: built, state: 'failing', passed: 1, total: 4 })).toMatch(/✘ .*1 of 4 checks pass/);
    expect(formatRow({ lab: built, state: 'not built', passed: 0, total: 0 })).toMatch(/not built yet/);
  });
});
