/**
 * The demos without a stack: every built lab has one, it is the lab's, and its steps only act on
 * programs it started. And `pnpm lab N demo` is told apart from a program's own `demo` command.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoNames, scenarioFile, type Demo } from '@cdc-lab/grading/demo';
import { loadManifest } from '@cdc-lab/workbook';
import { parseDemoArgs } from '../src/commands/demo.ts';
import { parseLabArgs } from '../src/commands/lab.ts';

const built = loadManifest().filter((lab) => lab.status === 'built');

describe('lab demos', () => {
  for (const lab of built) {
    it(`lab ${lab.number} has a demo whose steps act only on programs it started`, async () => {
      const file = scenarioFile(lab);
      expect(fs.existsSync(file), file).toBe(true);
      const demo = ((await import(pathToFileURL(file).href)) as { default: Demo }).default;
      expect(demo.lab).toBe(lab.number);
      const steps = demo.steps(demoNames(lab.number, 'postgres://cdc@localhost:5432/cdclab'));
      expect(steps.filter((step) => step.kind === 'narrate').length).toBeGreaterThan(0);
      expect(steps.some((step) => step.kind === 'wait' || step.kind === 'check' || step.kind === 'command' || step.kind === 'topic')).toBe(true);
      const started = new Set<string>();
      for (const step of steps) {
        if (step.kind === 'start' || step.kind === 'command') started.add(step.program);
        else if ('program' in step) expect(started, `${step.kind} ${step.program}`).toContain(step.program);
      }
    });
  }
});

describe('pnpm lab N demo', () => {
  it('routes `demo` after the lab number (and --starter) to the demo, with its own options', () => {
    expect(parseLabArgs(['1', 'demo', '--fast'])).toMatchObject({ kind: 'reference', demo: true, args: ['--fast'] });
    expect(parseLabArgs(['1', '--starter', 'demo'])).toMatchObject({ kind: 'starter', demo: true, args: [] });
    expect(parseLabArgs(['--starter', '3', 'demo'])).toMatchObject({ kind: 'starter', demo: true });
  });

  it('leaves `demo` after -- to the program: lab 7 has a demo command of its own', () => {
    expect(parseLabArgs(['7', '--', 'demo', '--orders', '2'])).toMatchObject({ demo: false, args: ['demo', '--orders', '2'] });
    expect(parseLabArgs(['7', 'relay'])).toMatchObject({ demo: false, args: ['relay'] });
  });

  it('reads --fast and --id, and refuses anything else', () => {
    expect(parseDemoArgs(['--fast', '--id', 'my_demo'])).toEqual({ fast: true, id: 'my_demo' });
    expect(parseDemoArgs(['--help'])).toBe('help');
    expect(() => parseDemoArgs(['--slow'])).toThrow(/does not take --slow/);
  });

  it('names everything after one stem, which must suit a database and a slot', () => {
    const names = demoNames(4, 'postgres://cdc@localhost:5432/cdclab');
    expect(names).toMatchObject({ database: 'cdc_lab_demo_04', slot: 'cdc_lab_demo_04', topicPrefix: 'cdc-lab-demo-04' });
    expect(names.databaseUrl).toBe('postgres://cdc@localhost:5432/cdc_lab_demo_04');
    expect(() => demoNames(4, 'postgres://localhost/x', 'Bad-Name')).toThrow(/cannot name a database/);
  });
});
