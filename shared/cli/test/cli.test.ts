import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { loadManifest } from '@cdc-lab/workbook';
import { doctorCommand, type Check } from '../src/commands/doctor.ts';
import { requireBuilt } from '../src/commands/lab.ts';
import { graderEnv, parseTestLabArgs } from '../src/commands/test-lab.ts';
import { exportLines, shellQuote } from '../src/shell.ts';

describe('pnpm test:lab arguments', () => {
  it('grades the reference by default and tells the grader through the environment', () => {
    const options = parseTestLabArgs(['3']);
    expect(options).toMatchObject({ target: 'reference', watch: false });
    if (options === 'help') throw new Error('unexpected help');
    expect(graderEnv(options)).toEqual({ CDC_LAB_SERVICES: 'postgres', CDC_LAB_TARGET: 'reference' });
  });

  it('grades the starter, or any command, and replays a seed', () => {
    const starter = parseTestLabArgs(['04', '--starter', '--seed', '42']);
    if (starter === 'help') throw new Error('unexpected help');
    expect(graderEnv(starter)).toEqual({ CDC_LAB_SERVICES: 'postgres,kafka', CDC_LAB_TARGET: 'starter', CDC_LAB_SEED: '42' });
    const command = parseTestLabArgs(['poller', '--command', 'python3 poller.py']);
    if (command === 'help') throw new Error('unexpected help');
    expect(graderEnv(command)).toMatchObject({ CDC_LAB_COMMAND: 'python3 poller.py' });
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
