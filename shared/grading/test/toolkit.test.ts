import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { typescriptRunner } from '@cdc-lab/workbook';
import { GradeFailure, formatFailure } from '../src/failure.ts';
import { LabProcess } from '../src/lab-process.ts';
import { ownerOf, testNames } from '../src/names.ts';
import { seededRandom, seedFromEnv } from '../src/seed.ts';

function program(source: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-process-')), 'program.ts');
  fs.writeFileSync(file, source);
  return { kind: 'command' as const, command: [...typescriptRunner(), file], describe: 'a test program' };
}

describe('failure messages', () => {
  it('say what was expected, what was seen, the hint and where to read', () => {
    expect(formatFailure({ expected: '"BEGIN 722"', got: '"BEGIN"', hint: 'print the xid', docs: 'docs/03-logical-streamer.md#output', transcript: 'BEGIN' }))
      .toBe('Expected "BEGIN 722"\ngot "BEGIN"\nHint: print the xid\nRead: docs/03-logical-streamer.md#output\nYour program printed (last lines):\n  | BEGIN');
  });
});

describe('names for isolation', () => {
  it('are unique, valid as slot names, and name the run that made them', () => {
    const a = testNames(3, 'Crash before confirm!');
    const b = testNames(3, 'Crash before confirm!');
    expect(a.database).not.toBe(b.database);
    expect(a.slot).toMatch(/^[a-z0-9_]{1,63}$/);
    expect(a.topicPrefix).not.toContain('_');
    expect(ownerOf(a.database)).toBe(Number(process.env.CDC_LAB_RUN_PID ?? process.ppid));
    expect(ownerOf('cdclab')).toBeUndefined();
  });
});

describe('seeded randomness', () => {
  it('replays the same sequence for the same seed', () => {
    const first = seededRandom(1234);
    const second = seededRandom(1234);
    const draws = Array.from({ length: 20 }, () => first.int(0, 1000));
    expect(Array.from({ length: 20 }, () => second.int(0, 1000))).toEqual(draws);
    expect(new Set(draws).size).toBeGreaterThan(10);
  });

  it('takes the seed from CDC_LAB_SEED and rejects nonsense', () => {
    expect(seedFromEnv({ CDC_LAB_SEED: '77' })).toBe(77);
    expect(() => seedFromEnv({ CDC_LAB_SEED: '-1' })).toThrow(/non-negative/);
  });
});

describe('LabProcess', () => {
  it('finds a line the program prints, and fails with its transcript when the program exits first', async () => {
    const child = LabProcess.start(program(`console.log('hello'); console.log('ready 42'); console.error('bye'); process.exit(3);`));
    expect((await child.waitForLine(/ready (\d+)/)).line).toBe('ready 42');
    const failure = await child.waitForLine('never printed', { what: 'the word "never"' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GradeFailure);
    expect((failure as GradeFailure).message).toMatch(/Expected the word "never"\ngot your program exited \(exit code 3\)/);
    expect((failure as GradeFailure).message).toContain('[your_program:stderr] bye');
  });

  it('times out with what it waited for', async () => {
    const child = LabProcess.start(program(`console.log('started'); setInterval(() => {}, 1000);`));
    await child.waitForLine('started');
    await expect(child.waitForLine('done', { timeoutMs: 300 })).rejects.toThrow(/within 0\.3 s\ngot other lines only/);
    expect(await child.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('kills the whole process group, children included, as a crash would', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-group-')), 'child.pid');
    const child = LabProcess.start(program(`
      import { spawn } from 'node:child_process';
      import fs from 'node:fs';
      const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
      fs.writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid));
      console.log('spawned');
      setInterval(() => {}, 1000);
    `));
    await child.waitForLine('spawned');
    const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
    await child.kill();
    // A killed child may linger as a zombie until something reaps it: that is not running.
    const running = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${grandchild}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    await expect.poll(running).toBe(false);
  });

  it('stops with SIGINT so the program can shut down cleanly', async () => {
    const child = LabProcess.start(program(`process.on('SIGINT', () => { console.log('clean'); process.exit(0); }); console.log('up'); setInterval(() => {}, 1000);`));
    await child.waitForLine('up');
    expect(await child.stop()).toEqual({ code: 0, signal: null });
    expect(child.lines).toContain('clean');
  });
});
