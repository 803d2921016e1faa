/**
 * `pnpm lab N demo --fast` for every built lab, against the reference on the run's stack: the
 * demo must end with exit code 0 and have seen the outcomes its chapter promises. Each demo
 * asserts its own steps; this test makes sure the key ones were really reached (a demo that
 * stopped early would not print them). Names carry the run's pid (testNames), so what an
 * interrupted run leaves is removed by the next run's global setup.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackFromSetup, testNames } from '@cdc-lab/grading';
import { repoRoot } from '@cdc-lab/harness';
import { loadManifest, typescriptRunner } from '@cdc-lab/workbook';

/** For each lab, lines the demo prints only once it has seen the chapter's outcome. */
const OUTCOMES: Record<number, RegExp[]> = {
  1: [/✔ Bob Smith was never reported/, /✔ the DELETE was never reported/, /✔ nothing older than the bookmark came again/],
  2: [/✔ the heap record of the new row, in wal_inspector\.users/, /✔ all three records carry the same transaction id/],
  3: [/✔ the slot did not move/, /✔ Grace again: the transaction is replayed/],
  4: [/✔ c, u, d and a tombstone, in that order/, /✔ Grace twice, with the same txId/],
  5: [/✔ the changes Kafka already had, skipped/, /✔ every change exactly once/],
  6: [/✔ the stream, from the consistent point/, /✔ 1000 snapshot reads \(op r\), then the insert, the update, the delete/],
  7: [/✔ the consumer skipped the copy/, /✔ two events applied, one per committed order/],
  8: [/✔ a new version of the value schema/, /✔ the bridge stopped, with exit code 1/, /✔ the held transaction delivered/],
  9: [/✔ Ada, read by the connector's snapshot/, /✔ the two events agree on everything but the documented fields/, /✔ the connector is gone, and its slot with it/],
};

const DEMO_TIMEOUT_MS = 150_000;

function runDemo(lab: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [node, ...runner] = typescriptRunner();
  const id = testNames(lab, 'demo').id;
  return new Promise((resolve) => {
    const child = spawn(node!, [...runner, path.join(repoRoot(), 'shared/cli/src/bin/lab.ts'), String(lab), 'demo', '--fast', '--id', id], {
      cwd: repoRoot(),
      env: { ...process.env, ...stackFromSetup(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Ctrl-C first, as a person would: the demo then cleans up after itself.
    const timer = setTimeout(() => child.kill('SIGINT'), DEMO_TIMEOUT_MS - 15_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const built = loadManifest().filter((lab) => lab.status === 'built');

describe('pnpm lab N demo', () => {
  for (const lab of built) {
    it(`lab ${lab.number} (${lab.slug}): the demo ends with exit code 0 and sees the chapter's outcomes`, async () => {
      const run = await runDemo(lab.number);
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.code, output).toBe(0);
      expect(run.stdout, output).toMatch(/Done: the demo saw everything it expected/);
      for (const outcome of OUTCOMES[lab.number] ?? []) expect(run.stdout, output).toMatch(outcome);
      expect(run.stdout).toMatch(/Cleaned up: dropped database /);
    }, DEMO_TIMEOUT_MS);
  }
});
