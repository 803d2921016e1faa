import { spawn } from 'node:child_process';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { ensureStack, repoRoot } from '@cdc-lab/harness';
import { findLab, loadManifest, programTarget, type Lab } from '@cdc-lab/workbook';

export const LAB_USAGE = `usage: pnpm lab [--starter] <lab> [arguments for the lab…]

Runs a lab's reference implementation (or, with --starter, your copy in the lab's starter/)
against the stack, starting the services it needs if none run. Everything after the lab
number goes to the lab's program: pnpm lab 3 status`;

export async function labCommand(argv: string[]): Promise<void> {
  let kind: 'reference' | 'starter' = 'reference';
  let index = 0;
  for (; index < argv.length && argv[index]!.startsWith('-'); index += 1) {
    const flag = argv[index];
    if (flag === '--starter') kind = 'starter';
    else if (flag === '--help' || flag === '-h') {
      console.log(LAB_USAGE);
      return;
    } else throw new ConfigurationError(`unknown option ${flag}`, { hint: LAB_USAGE });
  }
  const lab = findLab(loadManifest(), argv[index]);
  // `pnpm lab 2 -- --all "…"` reaches us with the `--` pnpm passed through: it is not the lab's.
  const labArgs = argv.slice(index + 1);
  if (labArgs[0] === '--') labArgs.shift();
  requireBuilt(lab);

  const stack = await ensureStack(lab.services, { report: (line) => console.error(colour.dim(`[stack] ${line}`)) });
  if (stack.started.length > 0) {
    console.error(colour.dim(`[stack] started ${stack.started.join(', ')} for lab ${lab.number}; it keeps running (pnpm stack down stops it)`));
  }
  const target = programTarget(lab, kind);
  const [command, ...args] = target.command;
  const child = spawn(command!, [...args, ...labArgs], { cwd: repoRoot(), stdio: 'inherit', env: { ...process.env, ...stack.env } });
  // Ctrl-C reaches the lab directly (same process group); we only wait and pass on its exit.
  const onSignal = () => {};
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  const code = await new Promise<number>((resolve) => {
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === 'SIGINT' ? 130 : 1)));
  });
  process.exitCode = code;
}

export function requireBuilt(lab: Lab): void {
  if (lab.status === 'built') return;
  const ready = builtLabs();
  throw new ConfigurationError(`lab ${lab.number} (${lab.title}) is not built yet`, {
    hint: `its chapter ${lab.docs} says what it will teach; ${ready.length > 0 ? `ready now: lab ${ready.join(', ')}` : 'no lab is ready yet'}`,
  });
}

function builtLabs(): number[] {
  return loadManifest().filter((lab) => lab.status === 'built').map((lab) => lab.number);
}
