import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { runDemo, scenarioFile, type Demo } from '@cdc-lab/grading/demo';
import { ensureStack, repoRoot } from '@cdc-lab/harness';
import { programTarget, type Lab } from '@cdc-lab/workbook';
import { passCtrlCTo } from '../interrupt.ts';
import { requireBuilt, type LabInvocation } from './lab-invocation.ts';

export const DEMO_USAGE = `usage: pnpm lab <lab> [--starter] demo [--fast] [--id <name>]

Replays the chapter's scenario against the lab's program, step by step: the SQL (printed before
it runs), starting the program, the crash, the restart, what lands in Kafka and in the slot —
with what to look for at each step. The program's own lines are shown as they come, after its
name and a bar. Every step is checked: if the program does not do what the chapter says, the
demo stops with what it expected and what the program printed, and exits with code 1.

It works in a database of its own, cdc_lab_demo_<NN> (made at the start, dropped at the end
with its slots), with a slot, publication, topic prefix and state folder of its own, so your
work in the main database is never touched.

  --starter     drive your code in the lab's starter/ instead of the reference
  --fast        no pauses between the steps
  --id <name>   name everything after <name> instead of cdc_lab_demo_<NN> (two demos side by side)

Ctrl-C stops the demo and its programs, and cleans up.`;

export interface DemoSettings {
  fast: boolean;
  id?: string;
}

export function parseDemoArgs(args: readonly string[]): DemoSettings | 'help' {
  const settings: DemoSettings = { fast: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--fast') settings.fast = true;
    else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--id' && args[index + 1]) settings.id = args[++index]!;
    else throw new ConfigurationError(`pnpm lab … demo does not take ${arg}`, { hint: 'it takes --fast and --id <name>; pnpm lab 1 demo --help says more' });
  }
  return settings;
}

/** `pnpm lab N demo`: the chapter's scenario, replayed against the running program. */
export async function demoCommand({ lab, kind, language, args }: LabInvocation): Promise<void> {
  const settings = parseDemoArgs(args);
  if (settings === 'help') {
    console.log(DEMO_USAGE);
    return;
  }
  requireBuilt(lab);
  const demo = await loadDemo(lab);
  const target = programTarget(lab, kind, language);
  const stack = await ensureStack(lab.services, { report: (line) => console.error(colour.dim(`[stack] ${line}`)) });
  if (stack.started.length > 0) {
    console.error(colour.dim(`[stack] started ${stack.started.join(', ')} for lab ${lab.number}; it keeps running (pnpm stack down stops it)`));
  }

  // The programs run in process groups of their own, and in a terminal this process reads
  // Ctrl-C itself (interrupt.ts), so a keypress reaches only the demo: it stops the programs, in
  // order, and cleans up. A second Ctrl-C gives up on the clean-up — but one keypress may arrive
  // twice when a SIGINT is also relayed by the tsx that runs us, so only one a second later counts.
  const interrupt = new AbortController();
  let interruptedAt = 0;
  const onSigint = () => {
    if (interrupt.signal.aborted) {
      if (Date.now() - interruptedAt > 1_000) process.exit(130);
      return;
    }
    interruptedAt = Date.now();
    interrupt.abort();
  };
  const restoreCtrlC = passCtrlCTo(onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const outcome = await runDemo(demo, { lab, target, stack: stack.env, fast: settings.fast, ...(settings.id ? { id: settings.id } : {}), signal: interrupt.signal });
    process.exitCode = outcome === 'failed' ? 1 : 0;
  } finally {
    restoreCtrlC();
    process.off('SIGTERM', onSigint);
  }
  // Everything the demo started is stopped and removed by now, but a Kafka client may keep a
  // reconnect timer alive: once the output is out, the demo is over.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit();
}

async function loadDemo(lab: Lab): Promise<Demo> {
  const file = scenarioFile(lab);
  if (!fs.existsSync(file)) {
    throw new ConfigurationError(`lab ${lab.number} has no demo yet (${path.relative(repoRoot(), file)} is missing)`, {
      hint: `its chapter, ${lab.docs}, walks through the same scenario by hand`,
    });
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: Demo };
  if (!module.default || module.default.lab !== lab.number) {
    throw new ConfigurationError(`${path.relative(repoRoot(), file)} does not export lab ${lab.number}'s demo as its default`);
  }
  return module.default;
}
