import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackFromSetup, TestDatabase, testNames } from '@cdc-lab/grading';
import { repoRoot } from '@cdc-lab/harness';

/**
 * Ctrl-C in a real terminal: `script` gives `pnpm lab 1` a pseudo-terminal, and the 0x03 byte
 * written to it is what a keyboard's Ctrl-C sends. Without the wrapper's handling, the terminal
 * would signal pnpm too, and pnpm would end a clean stop with "ELIFECYCLE Command failed".
 */
describe('Ctrl-C in a terminal', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create(stackFromSetup().DATABASE_URL!, testNames(0, 'ctrl-c').database);
  });
  afterAll(() => db?.drop());

  it('stops pnpm lab 1 cleanly: the program\'s own goodbye, exit 0, no pnpm error line', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctrl-c-'));
    const child = spawn('script', ['-q', '-e', '-c', 'pnpm lab 1', '/dev/null'], {
      cwd: repoRoot(),
      env: { ...process.env, DATABASE_URL: db.url, CDC_STATE_DIR: stateDir, CDC_POLL_INTERVAL_MS: '500' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!/Polling\.\.\./.test(output) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output, 'the poller started').toMatch(/Polling\.\.\./);
    child.stdin.write('\x03');
    const code = await exited;
    expect(output).toMatch(/Stopped\./);
    expect(output).not.toMatch(/ELIFECYCLE|Command failed/);
    expect(code).toBe(0);
  }, 90_000);
});
