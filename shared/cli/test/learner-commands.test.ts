import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManifest, readProgress, recordOutcomes } from '@cdc-lab/workbook';
import { chooseExercise, hintCommand, requireHints } from '../src/commands/hint.ts';
import { formatRow, labsToCheck, progressCommand } from '../src/commands/progress.ts';
import { runSummary } from '../src/commands/test-lab.ts';

const labs = loadManifest();
const lab1 = labs[0]!;
const [firstExercise, secondExercise] = lab1.exercises;

/** Each test gets its own state folder (hints revealed, progress recorded) and captures what is printed. */
function captureOutput(): { printed: () => string; reset: () => void } {
  let printed: string[] = [];
  const log = console.log;
  beforeEach(() => {
    process.env.CDC_LAB_STATE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'learner-'));
    printed = [];
    console.log = (line?: unknown) => printed.push(String(line ?? ''));
  });
  afterEach(() => {
    console.log = log;
    delete process.env.CDC_LAB_STATE_DIR;
  });
  return { printed: () => printed.join('\n'), reset: () => (printed = []) };
}

describe('pnpm hint', () => {
  const output = captureOutput();
  const run = async (...args: string[]) => {
    output.reset();
    await hintCommand(['1', ...args]);
    return output.printed();
  };

  it('reveals one more layer of an exercise each time, keeping the earlier ones', async () => {
    const [idea, direction, nearCode] = firstExercise!.hints.map((hint) => hint.trim());
    const first = await run();
    expect(first).toContain(`exercise ${firstExercise!.name}`);
    expect(first).toContain('hint 1 of 3');
    expect(first).toContain(idea);
    expect(first).not.toContain(direction);
    const second = await run();
    expect(second).toContain(idea);
    expect(second).toContain(direction);
    expect(second).not.toContain(nearCode);
    expect(await run()).toContain(nearCode);
    expect(await run()).toMatch(/That was the last layer/);
  });

  it('follows the last grading: the exercise whose unwritten step the program stopped at', async () => {
    recordOutcomes(1, { kind: 'starter', describe: 'the starter' }, [{ slug: 'first-changes', passed: false, step: secondExercise!.step }], 11);
    const shown = await run();
    expect(shown).toContain(`exercise ${secondExercise!.name}`);
    expect(shown).toContain(`reached "${secondExercise!.step}"`);
  });

  it('names an exercise on request, and refuses one that does not exist', async () => {
    expect(await run(secondExercise!.name)).toContain(`exercise ${secondExercise!.name}`);
    await expect(run('no-such-exercise')).rejects.toThrow(/has no exercise "no-such-exercise"/);
  });

  it('shows everything with --all and hides it again with --reset', async () => {
    expect(await run('--all')).toContain(firstExercise!.hints[2]!.trim());
    await run('--reset');
    expect(await run()).toContain('hint 1 of 3');
  });

  it('says when a lab has no hints yet', () => {
    const planned = { ...lab1, status: 'planned' as const, exercises: [] };
    expect(() => requireHints(planned)).toThrow(/has no hints yet/);
    expect(() => requireHints(lab1)).not.toThrow();
  });

  it('picks the first exercise that checks a failed stage when no step is known', () => {
    const record = { target: 'starter' as const, describe: 'x', stages: {}, total: 11, lastFailure: { stage: 'restart', at: '' } };
    expect(chooseExercise(lab1, record).exercise.stages).toContain('restart');
  });
});

describe('pnpm progress', () => {
  const output = captureOutput();

  it('answers from the recorded grading, starting nothing, in well under five seconds', async () => {
    recordOutcomes(1, { kind: 'starter', describe: 'the starter' }, [{ slug: 'first-changes', passed: true }, { slug: 'deletes-unseen', passed: false }], 11);
    const began = performance.now();
    await progressCommand([]);
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(output.printed()).toMatch(/1 of 11 stages pass; next: deletes-unseen/);
    expect(output.printed()).toMatch(/not graded yet/);
  });

  it('prints help without grading anything', async () => {
    await progressCommand(['--help']);
    expect(output.printed()).toMatch(/usage: pnpm progress/);
  });

  it('prints a line per lab: all passing, some, not graded, or not built', () => {
    const record = (passed: boolean) => ({ target: 'starter' as const, describe: 'x', total: 1, stages: { a: { passed, at: new Date().toISOString() } } });
    expect(formatRow(lab1, record(true))).toMatch(/✔ .*all 1 stages pass/);
    expect(formatRow(lab1, record(false))).toMatch(/0 of 1 stages pass/);
    expect(formatRow(lab1, undefined)).toMatch(/not graded yet/);
    expect(formatRow({ ...lab1, status: 'planned' }, undefined)).toMatch(/not built yet/);
    expect(formatRow(lab1, undefined)).toContain(lab1.estimate);
  });

  it('counts a lab passed when its base stages pass, and shows the extension stages apart', () => {
    const at = new Date().toISOString();
    const record = (stages: Record<string, boolean>) => ({
      target: 'starter' as const, describe: 'x', total: 4, extensions: ['deep', 'deeper'],
      stages: Object.fromEntries(Object.entries(stages).map(([slug, passed]) => [slug, { passed, at }])),
    });
    expect(formatRow(lab1, record({ a: true, b: true, deep: false }))).toMatch(/✔ .*all 2 base stages pass.* · extension 0 of 2/);
    expect(formatRow(lab1, record({ a: true, b: true, deep: true, deeper: true }))).toMatch(/all 2 base stages pass.* · extension 2 of 2/);
    expect(formatRow(lab1, record({ a: true, b: false, deep: true }))).toMatch(/… .*1 of 2 base stages pass.* · extension 1 of 2/);
    recordOutcomes(1, { kind: 'starter', describe: 'the starter' }, [{ slug: 'first-changes', passed: true }], 3, { extensions: ['deep'] });
    expect(readProgress().labs['1']!.extensions).toEqual(['deep']);
  });

  it('ends a run by saying the lab is done when only an extension stage fails', () => {
    const stage = (slug: string, extension = false) => ({ slug, title: slug, docs: '', extension, run: async () => {} });
    const [a, deep] = [stage('a'), stage('deep', true)];
    const grader = { lab: lab1, stages: [a, deep] };
    expect(runSummary(grader, [{ stage: a, passed: true, ms: 1 }, { stage: deep, passed: false, ms: 1 }], false)).toMatch(/Every base stage passes: lab 1 is done.*Extension stage deep does not pass yet/);
    expect(runSummary(grader, [{ stage: a, passed: false, ms: 1 }], false)).toBe('');
    expect(runSummary(grader, [{ stage: a, passed: true, ms: 1 }, { stage: deep, passed: true, ms: 1 }], false)).toMatch(/All 2 stages graded pass. Every base stage passes/);
  });

  it('re-grades with --check only the labs named, or those graded before, or lab 1', () => {
    expect(labsToCheck(labs, ['3'], { labs: {} }).map((lab) => lab.number)).toEqual([3]);
    expect(labsToCheck(labs, [], { labs: {} }).map((lab) => lab.number)).toEqual([1]);
    expect(labsToCheck(labs, [], { labs: { 4: { target: 'starter', describe: 'x', total: 1, stages: {} } } }).map((lab) => lab.number)).toEqual([4]);
  });

  it('keeps what earlier runs found for stages a run did not reach, and starts afresh for another program', () => {
    recordOutcomes(1, { kind: 'starter', describe: 'the starter' }, [{ slug: 'first-changes', passed: true }], 11);
    recordOutcomes(1, { kind: 'starter', describe: 'the starter' }, [{ slug: 'ties', passed: false }], 11);
    expect(Object.keys(readProgress().labs['1']!.stages)).toEqual(['first-changes', 'ties']);
    recordOutcomes(1, { kind: 'command', describe: 'your command `python3 p.py`' }, [{ slug: 'ties', passed: true }], 11);
    expect(Object.keys(readProgress().labs['1']!.stages)).toEqual(['ties']);
  });
});
