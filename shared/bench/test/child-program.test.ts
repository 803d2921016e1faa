import { describe, expect, it } from 'vitest';
import { ChildProgram } from '../src/contenders/child-program.ts';

function node(script: string): ChildProgram {
  return new ChildProgram(process.execPath, ['-e', script], { env: process.env, cwd: process.cwd(), countCommits: true });
}

describe('a contender run as a child process', () => {
  it('counts COMMIT lines, also one split between two writes', async () => {
    const child = node(`
      process.stdout.write('Listening on slot\\nBEGIN 1\\ntable public.t: INSERT: id[integer]:1\\nCOMMIT 1\\nBEGIN 2\\nCOMM');
      setTimeout(() => process.stdout.write('IT 2\\nBEGIN 3\\nCOMMIT 3\\n'), 100);
    `);
    await child.finished;
    expect(child.printedCommits()).toBe(3);
    expect(child.exitedCleanly()).toBe(true);
  });

  it('reports an unasked exit with the end of its output', async () => {
    const child = node(`console.error('error: the slot is in use'); process.exit(1)`);
    await expect(child.finished).rejects.toThrow(/code 1[\s\S]*the slot is in use/);
    expect(child.failure()).toMatch(/exited with code 1/);
  });

  it('stops with SIGINT, and an asked-for exit is no failure', async () => {
    const child = node(`process.on('SIGINT', () => process.exit(0)); console.log('ready'); setInterval(() => {}, 1000)`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await child.stop();
    expect(child.failure()).toBeUndefined();
    expect(child.exitedCleanly()).toBe(false);
  });
});
