import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { COMMAND_VARIABLE, findLab, loadManifest, TARGET_VARIABLE, type Lab } from '@cdc-lab/workbook';
import { requireBuilt } from './lab.ts';

export const TEST_LAB_USAGE = `usage: pnpm test:lab <lab> [--starter | --command "<your program>"] [--watch] [--seed N]

Grades a lab against a real stack: the grader starts your program, drives it from outside and
checks what it prints and produces.

  (default)            grade the reference implementation in src/
  --starter            grade your work in the lab's starter/ folder
  --command "<cmd>"    grade any program, in any language: it gets DATABASE_URL, KAFKA_BROKERS, …
  --stage <slug>       grade one stage only (its slug is the word before the colon in the report)
  --watch              grade again every time you save a file of the lab
  --seed N             replay a random workload exactly (the seed is printed with each failure)`;

export interface TestLabOptions {
  lab: Lab;
  target: 'reference' | 'starter' | 'command';
  command?: string;
  watch: boolean;
  seed?: string;
  stage?: string;
}

export function parseTestLabArgs(argv: string[]): TestLabOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      starter: { type: 'boolean', default: false },
      command: { type: 'string' },
      watch: { type: 'boolean', default: false },
      seed: { type: 'string' },
      stage: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new ConfigurationError('name exactly one lab to grade', { hint: TEST_LAB_USAGE });
  if (values.starter && values.command) throw new ConfigurationError('--starter and --command exclude each other');
  if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new ConfigurationError(`--seed takes a non-negative integer, not ${values.seed}`);
  if (values.stage !== undefined && !/^[a-z0-9-]+$/.test(values.stage)) throw new ConfigurationError(`--stage takes a stage's slug (lower-case letters, digits and dashes), not ${JSON.stringify(values.stage)}`);
  const lab = findLab(loadManifest(), positionals[0]);
  return {
    lab,
    target: values.command ? 'command' : values.starter ? 'starter' : 'reference',
    ...(values.command ? { command: values.command } : {}),
    watch: values.watch,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.stage !== undefined ? { stage: values.stage } : {}),
  };
}

/** The environment that tells the grader (in vitest's workers) what to drive. */
export function graderEnv(options: TestLabOptions): Record<string, string> {
  const env: Record<string, string> = { CDC_LAB_SERVICES: options.lab.services.join(',') };
  if (options.target === 'command' && options.command) env[COMMAND_VARIABLE] = options.command;
  else env[TARGET_VARIABLE] = options.target;
  if (options.seed !== undefined) env.CDC_LAB_SEED = options.seed;
  return env;
}

export async function testLabCommand(argv: string[]): Promise<void> {
  const options = parseTestLabArgs(argv);
  if (options === 'help') {
    console.log(TEST_LAB_USAGE);
    return;
  }
  requireBuilt(options.lab);
  const grader = path.join(options.lab.dir, 'test', 'grade.test.ts');
  if (!fs.existsSync(path.join(repoRoot(), grader))) throw new ConfigurationError(`${grader} is missing`);
  const vitest = path.join(repoRoot(), 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, options.watch ? 'watch' : 'run', '--project', 'stack', grader];
  if (options.stage) {
    await requireStage(options.lab, options.stage);
    // Each stage is a test named "<slug>: <title>", after its describe block's name and a space.
    args.push('--testNamePattern', `(^| )${options.stage}: `);
  }
  const child = spawn(process.execPath, args, {
    cwd: repoRoot(),
    stdio: 'inherit',
    env: { ...process.env, ...graderEnv(options) },
  });
  process.exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** A stage the lab's grader has; else the list of those it has. */
async function requireStage(lab: Lab, slug: string): Promise<void> {
  const { grader } = (await import(pathToFileURL(path.join(repoRoot(), lab.dir, 'test', 'grader.ts')).href)) as { grader: { stages: { slug: string }[] } };
  const slugs = grader.stages.map((stage) => stage.slug);
  if (!slugs.includes(slug)) {
    throw new ConfigurationError(`lab ${lab.number} has no stage ${JSON.stringify(slug)}`, { hint: `its stages, in order: ${slugs.join(', ')}` });
  }
}
