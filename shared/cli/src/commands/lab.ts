import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { ensureStack, repoRoot, type StackEnv } from '@cdc-lab/harness';
import { exercisesIn, findLab, languageOf, linesToWrite, loadManifest, programTarget, pythonLinesToWrite, requireTrack } from '@cdc-lab/workbook';
import { passCtrlCTo } from '../interrupt.ts';
import { demoCommand } from './demo.ts';
import { requireBuilt, type LabInvocation } from './lab-invocation.ts';

export { requireBuilt, type LabInvocation } from './lab-invocation.ts';

export const LAB_USAGE = `usage: pnpm lab <lab> [--starter] [--lang python] [--observe] [demo | arguments for the lab…]

Runs a lab's reference implementation (or, with --starter, your code in the lab's starter/)
against the stack, starting the services it needs if none run. Everything after the lab
number (and --starter, --lang, --observe) goes to the lab's program: pnpm lab 3 status

  pnpm lab 1              run the reference and watch it work
  pnpm lab 1 --starter    run your code in labs/01-poller/starter/
  pnpm lab 1 --lang python --starter
                          the Python track: your code in labs/01-poller/python/starter/
  pnpm lab 3 --observe    also start pnpm observe's page beside it, with lab 3's "what to watch"
  pnpm lab 1 demo         replay the chapter's scenario against the program, step by step
  pnpm lab 7 -- demo      after --, \`demo\` is the program's own command (lab 7 has one)
  pnpm lab 2 -- --help    the program's own options`;


/**
 * `--starter` and `--lang <language>` may come before or just after the lab number, the same
 * spelling as `pnpm test:lab 1 --starter --lang python`; anything after them belongs to the
 * lab's program.
 */
export function parseLabArgs(argv: readonly string[]): (LabInvocation & { observe: boolean }) | 'help' {
  let kind: 'reference' | 'starter' = 'reference';
  let observe = false;
  let lang: string | undefined;
  const rest = [...argv];
  // Our own flags; false for anything else, which (after the lab number) is the program's.
  const ownFlag = (): boolean => {
    const flag = rest[0];
    if (flag === '--starter') kind = 'starter';
    else if (flag === '--observe') observe = true;
    else if (flag === '--lang') {
      rest.shift();
      if (rest[0] === undefined || rest[0].startsWith('-')) throw new ConfigurationError('--lang needs a language: python or typescript', { hint: LAB_USAGE });
      lang = rest[0];
    } else if (flag?.startsWith('--lang=')) lang = flag.slice('--lang='.length);
    else return false;
    rest.shift();
    return true;
  };
  while (rest[0]?.startsWith('-')) {
    if (ownFlag()) continue;
    const flag = rest.shift();
    if (flag === '--help' || flag === '-h') return 'help';
    throw new ConfigurationError(`unknown option ${flag}`, { hint: LAB_USAGE });
  }
  const lab = findLab(loadManifest(), rest.shift());
  while (ownFlag());
  if (rest[0] === '--help' || rest[0] === '-h') return 'help';
  const language = languageOf(lang);
  requireTrack(lab, language);
  // `pnpm lab 2 -- --all "…"` reaches us with the `--` pnpm passed through: it is not the lab's.
  // After it, `demo` is the program's own word: lab 7's program has a demo command of its own.
  const demo = rest[0] === 'demo';
  if (demo) rest.shift();
  else if (rest[0] === '--') rest.shift();
  return { lab, kind, language, args: rest, demo, observe };
}

export async function labCommand(argv: string[]): Promise<void> {
  const invocation = parseLabArgs(argv);
  if (invocation === 'help') {
    console.log(labHelp(argv));
    return;
  }
  if (invocation.demo) return demoCommand(invocation);
  const { lab, kind, language, args } = invocation;
  requireBuilt(lab);

  const stack = await ensureStack(lab.services, { report: (line) => console.error(colour.dim(`[stack] ${line}`)) });
  if (stack.started.length > 0) {
    console.error(colour.dim(`[stack] started ${stack.started.join(', ')} for lab ${lab.number}; it keeps running (pnpm stack down stops it)`));
  }
  const target = programTarget(lab, kind, language);
  if (lab.try && !args.some((arg) => !arg.startsWith('-'))) {
    // The long-running program waits for changes: say how to make one.
    console.error(colour.dim(`To see it react, open a second terminal: pnpm psql, then try:`));
    console.error(colour.dim(`  ${lab.try}`));
  }
  const observer = invocation.observe ? await startObserve(lab.number, stack.env) : undefined;
  const [command, ...programArgs] = target.command;
  // The program's stdin is not the terminal's: this process reads Ctrl-C there (interrupt.ts).
  const child = spawn(command!, [...programArgs, ...args], { cwd: repoRoot(), stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...stack.env } });
  try {
    process.exitCode = await exitOf(child);
  } finally {
    observer?.kill('SIGTERM');
  }
}

/**
 * `pnpm observe --lab N` as a process of its own beside the lab's program, so that a page that
 * fails cannot take the program down with it. Its address is printed before the program
 * starts talking (a few seconds at most); it ends with the program.
 */
export async function startObserve(lab: number, env: StackEnv, waitMs = 30_000): Promise<ChildProcess> {
  const bin = path.join(repoRoot(), 'shared', 'observe', 'src', 'bin.ts');
  const observer = spawn(process.execPath, ['--import', 'tsx', bin, '--lab', String(lab)], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      console.error(colour.dim(`[observe] the page did not start within ${waitMs / 1000} s; the lab runs without it`));
      resolve();
    }, waitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    observer.stdout!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (/http:\/\//.test(chunk.toString())) done();
    });
    observer.once('exit', done);
    observer.once('error', (error) => {
      console.error(colour.dim(`[observe] could not start: ${error.message}`));
      done();
    });
  });
  return observer;
}

/**
 * Wait for a program and pass its exit on. Ctrl-C goes to the program alone, and a lab program
 * that stops cleanly on it exits 0, so the whole command does; one killed by the signal
 * reports 130, as a shell would.
 */
export async function exitOf(child: ChildProcess): Promise<number> {
  const restore = passCtrlCTo(() => child.kill('SIGINT'));
  const onTerm = () => child.kill('SIGTERM');
  process.on('SIGTERM', onTerm);
  try {
    return await new Promise<number>((resolve) => {
      child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === 'SIGINT' ? 130 : 1)));
    });
  } finally {
    restore();
    process.off('SIGTERM', onTerm);
  }
}

export function labHelp(argv: readonly string[]): string {
  const number = argv.find((arg) => /^\d+$/.test(arg));
  if (!number) return LAB_USAGE;
  const lab = findLab(loadManifest(), number);
  const work = lab.status === 'built' ? `\nYou write: ${lab.exercises.length} exercises, about ${linesToWrite(lab)} lines (the chapter's "Exercises and hints" lists them)` : '';
  const python = lab.python ? `\nIn Python (--lang python): ${exercisesIn(lab, 'python').length} exercises, about ${pythonLinesToWrite(lab)} lines, in ${lab.dir}/python/starter/ (the chapter's "In Python" section)` : '';
  return `Lab ${lab.number} — ${lab.title} (${lab.estimate})\n${lab.summary}${work}${python}\nChapter: ${lab.docs}\n\n${LAB_USAGE}`;
}
