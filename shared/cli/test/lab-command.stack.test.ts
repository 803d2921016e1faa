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
  it('runs the reference with the arguments after the lab number, on the running stack', () => {
    for (const args of [['1', '--help'], ['1', '--', '--help']]) {
      const run = lab(...args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/--interval/);
      expect(run.stderr).not.toMatch(/\[stack\] started/);
    }
  });

  it('passes the lab program\'s failure on as its exit code', () => {
    const run = lab('1', '--interval', 'soon');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/interval/i);
  });
});
