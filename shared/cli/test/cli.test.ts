import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { linesToWrite, loadManifest } from '@cdc-lab/workbook';
import { doctorCommand, type Check } from '../src/commands/doctor.ts';
import { labHelp, parseLabArgs, requireBuilt } from '../src/commands/lab.ts';
import { labStateDir, removeLabState } from '../src/commands/stack.ts';
import { parseTestLabArgs, targetOf } from '../src/commands/test-lab.ts';
import { exportLines, shellQuote } from '../src/shell.ts';

describe('pnpm lab arguments', () => {
  it('takes --starter before or after the lab, the same spelling as test:lab', () => {
    expect(parseLabArgs(['1', '--starter'])).toMatchObject({ kind: 'starter', args: [], demo: false });
    expect(parseLabArgs(['--starter', '1'])).toMatchObject({ kind: 'starter', args: [] });
    expect(parseLabArgs(['3', 'status'])).toMatchObject({ kind: 'reference', args: ['status'] });
  });

  it('routes demo, and passes what follows -- to the program', () => {
    expect(parseLabArgs(['4', '--starter', 'demo', '--fast'])).toMatchObject({ kind: 'starter', demo: true, args: ['--fast'] });
    expect(parseLabArgs(['2', '--', '--help'])).toMatchObject({ args: ['--help'] });
    expect(parseLabArgs(['2', '--help'])).toBe('help');
  });

  it('takes --observe before or after the lab; after -- it is the program\'s', () => {
    expect(parseLabArgs(['3', '--observe'])).toMatchObject({ observe: true, args: [] });
    expect(parseLabArgs(['--observe', '3', 'status'])).toMatchObject({ observe: true, args: ['status'] });
    expect(parseLabArgs(['3', '--starter', '--observe'])).toMatchObject({ kind: 'starter', observe: true, args: [] });
    expect(parseLabArgs(['3'])).toMatchObject({ observe: false });
    expect(parseLabArgs(['3', '--', '--observe'])).toMatchObject({ observe: false, args: ['--observe'] });
  });

  it('says in its help how long a lab takes and where its chapter is', () => {
    const lab = loadManifest()[3]!;
    expect(labHelp(['4', '--help'])).toContain(`Lab 4 — ${lab.title} (${lab.estimate})`);
    expect(labHelp(['4', '--help'])).toContain('docs/04-kafka-bridge.md');
    expect(labHelp(['4', '--help'])).toContain(`You write: ${lab.exercises.length} exercises, about ${linesToWrite(lab)} lines`);
  });
});

describe('pnpm test:lab arguments', () => {
  it('grades the reference by default, stopping at the first failing stage', () => {
    const options = parseTestLabArgs(['3']);
    expect(options).toMatchObject({ target: 'reference', watch: false, all: false });
    if (options === 'help') throw new Error('unexpected help');
    expect(targetOf(options)).toMatchObject({ kind: 'reference' });
  });

  it('grades the starter, or any command', () => {
    const starter = parseTestLabArgs(['04', '--starter', '--seed', '42']);
    if (starter === 'help') throw new Error('unexpected help');
    expect(starter).toMatchObject({ target: 'starter', seed: '42' });
    expect(targetOf(starter)).toMatchObject({ kind: 'starter' });
    const command = parseTestLabArgs(['poller', '--command', 'python3 poller.py']);
    if (command === 'help') throw new Error('unexpected help');
    expect(targetOf(command)).toMatchObject({ kind: 'command', command: ['python3', 'poller.py'] });
  });

  it('grades from a stage on, or every stage whatever fails', () => {
    expect(parseTestLabArgs(['1', '--from', 'ties'])).toMatchObject({ from: 'ties' });
    expect(parseTestLabArgs(['1', '--all'])).toMatchObject({ all: true });
    expect(() => parseTestLabArgs(['1', '--stage', 'ties', '--from', 'ties'])).toThrow(/exclude each other/);
  });

  it('grades one stage when asked', () => {
    expect(parseTestLabArgs(['4', '--stage', 'oversized-event'])).toMatchObject({ stage: 'oversized-event' });
  });

  it('refuses contradictory or malformed options', () => {
    expect(() => parseTestLabArgs(['3', '--starter', '--command', 'x'])).toThrow(ConfigurationError);
    expect(() => parseTestLabArgs(['3', '--seed', 'abc'])).toThrow(/--seed/);
    expect(() => parseTestLabArgs(['3', '--stage', 'Crash Replay'])).toThrow(/--stage takes a stage's slug/);
    expect(() => parseTestLabArgs([])).toThrow(/exactly one lab/);
    expect(() => parseTestLabArgs(['42'])).toThrow(/no lab "42"/);
  });
});

describe('pnpm stack env', () => {
  it('prints exports a shell can evaluate back to the same values, whatever the password', () => {
    const env = { DATABASE_URL: "postgres://postgres:pa'ss w$rd@127.0.0.1:5/cdclab", KAFKA_BROKERS: '127.0.0.1:9' };
    const script = `${exportLines(env).join('\n')}\nprintf '%s\\n%s' "$DATABASE_URL" "$KAFKA_BROKERS"`;
    expect(execFileSync('sh', ['-c', script]).toString()).toBe(`${env.DATABASE_URL}\n${env.KAFKA_BROKERS}`);
  });

  it('leaves simple values unquoted', () => {
    expect(shellQuote('127.0.0.1:9092')).toBe('127.0.0.1:9092');
  });
});

describe('pnpm run doctor', () => {
  it('says what is missing and how to get it, and fails only for required items', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    const checks: Check[] = [
      { name: 'present thing', required: true, probe: async () => ({ ok: true, detail: 'v1' }) },
      { name: 'optional thing', required: false, probe: async () => ({ ok: false, detail: 'absent', fix: 'install optional' }) },
      { name: 'needed thing', required: true, probe: async () => ({ ok: false, detail: 'absent', fix: 'apt-get install needed' }) },
    ];
    try {
      process.exitCode = 0;
      await doctorCommand(checks);
    } finally {
      console.log = log;
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    const output = lines.join('\n');
    expect(output).toContain('fix: apt-get install needed');
    expect(output).toContain('fix: install optional');
    expect(output).toMatch(/1 required item\(s\) missing/);
  });
});

describe('pnpm lab on a lab that is not built', () => {
  it('says so, and points at the chapter', () => {
    // Every lab is built now: a planned one is made from the last, as the manifest would say it.
    const built = loadManifest().at(-1)!;
    const planned = { ...built, status: 'planned' as const };
    expect(() => requireBuilt(planned)).toThrow(new RegExp(`lab ${planned.number} \\(${planned.title}\\) is not built yet`));
    expect(() => requireBuilt(planned)).toThrow(ConfigurationError);
    expect(() => requireBuilt(built)).not.toThrow();
  });
});

describe('pnpm stack down', () => {
  it('removes the labs\' own state, which describes a database that is gone', () => {
    expect(labStateDir()).toMatch(/\.cdc-lab[/\\]labs$/);
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-state-')), 'labs');
    fs.mkdirSync(path.join(dir, '01'), { recursive: true });
    fs.writeFileSync(path.join(dir, '01', 'bookmark.state.json'), '{}');
    expect(removeLabState(dir)).toBe(true);
    expect(fs.existsSync(dir)).toBe(false);
    expect(removeLabState(dir)).toBe(false);
  });
});
