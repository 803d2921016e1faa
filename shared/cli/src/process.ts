import { spawn } from 'node:child_process';

/** Run a program and collect its output; a program that is not installed gives code null. */
export function run(command: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', () => resolve({ code: null, stdout, stderr }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
