/**
 * `pnpm lab N …` end to end: it finds the stack the run already has, starts nothing, hands
 * the lab's own arguments through (also after the `--` pnpm passes along), and exits with
 * the lab's exit code.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { typescriptRunner } from '@cdc-lab/workbook';

function lab(...args: string[]) {
  const [node, ...runner] = typescriptRunner();
  const result = spawnSync(node!, [...runner, path.join(repoRoot(), 'shared/cli/src/bin/lab.ts'), ...args], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: undefined, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm lab', () => {
  it('runs the reference with the arguments after the lab number (after --, even its own --help), on the running stack', () => {
    const run = lab('1', '--', '--help');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/--interval/);
    expect(run.stderr).not.toMatch(/\[stack\] started/);
  });

  it('answers --help itself, with the lab\'s time estimate and chapter', () => {
    const run = lab('1', '--help');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Lab 1 — The poller \(\d.*hours\)[\s\S]*docs\/01-poller\.md/);
  });

  it('starts pnpm observe beside the lab with --observe, prints its address with the lab\'s panel, and stops it with the lab', () => {
    const run = lab('1', '--observe', '--', '--help');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Observing the stack at http:\/\/127\.0\.0\.1:\d+\/\?lab=1/);
    expect(run.stdout).toMatch(/--interval/);
  });

  it('passes the lab program\'s failure on as its exit code', () => {
    const run = lab('1', '--interval', 'soon');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/interval/i);
  });
});
