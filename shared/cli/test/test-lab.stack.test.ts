import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackFromSetup } from '@cdc-lab/grading';
import { repoRoot } from '@cdc-lab/harness';
import { loadManifest, readProgress } from '@cdc-lab/workbook';

/**
 * `pnpm test:lab` as a learner meets it: the untouched starter of every lab fails at exactly
 * one stage, with the exercise it stopped at and the hint command for it, and nothing of a
 * test runner's own output.
 */
const built = loadManifest().filter((lab) => lab.status === 'built');

function testLab(args: string[], stateDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'shared/cli/src/bin/test-lab.ts', ...args], {
      cwd: repoRoot(),
      // The run's stack, given explicitly, and a state folder of the test's own for the progress record.
      env: { ...process.env, ...stackFromSetup(), CDC_LAB_STATE_DIR: stateDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm test:lab', () => {
  it.each(built.map((lab) => [lab.number, lab] as const))('stops an untouched lab %i starter at its first stage, naming the exercise to write', async (_number, lab) => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-lab-'));
    const { code, output } = await testLab([String(lab.number), '--starter'], stateDir);
    expect(code, output).toBe(1);
    expect(output.match(/^ {2}✘ /gm), output).toHaveLength(1);
    expect(output).not.toMatch(/^ {2}✔ /m);
    const stopped = /Your program stopped at a part not written yet: "(.+?)" — exercise ([a-z0-9-]+),/.exec(output);
    expect(stopped, output).not.toBeNull();
    const exercise = lab.exercises.find((candidate) => candidate.name === stopped![2]);
    expect(exercise?.step).toBe(stopped![1]);
    // The stage that failed is one the exercise is checked by: the hint belongs to the failure.
    const failed = /^ {2}✘ ([a-z0-9-]+):/m.exec(output)![1]!;
    expect(exercise!.stages).toContain(failed);
    expect(output).toContain(`pnpm hint ${lab.number} ${exercise!.name}`);
    // No test runner's code frames or stack traces.
    expect(output).not.toMatch(/❯|⎯⎯|at .*\.ts:\d+:\d+/);
    const record = readProgress(path.join(stateDir, 'progress.json')).labs[String(lab.number)];
    expect(record?.lastFailure).toMatchObject({ stage: failed, step: exercise!.step });
  }, 120_000);

  it('grades one stage of the reference with --stage, and refuses an unknown one with the list', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-lab-'));
    const one = await testLab(['1', '--stage', 'deletes-unseen'], stateDir);
    expect(one.code, one.output).toBe(0);
    expect(one.output.match(/^ {2}✔ /gm)).toHaveLength(1);
    expect(one.output).toMatch(/✔ deletes-unseen:/);
    const unknown = await testLab(['1', '--stage', 'no-such-stage'], stateDir);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/lab 1 has no stage "no-such-stage"[\s\S]*first-changes, deletes-unseen/);
    // The reference's grading is not the learner's progress.
    expect(fs.existsSync(path.join(stateDir, 'progress.json'))).toBe(false);
  }, 120_000);
});
