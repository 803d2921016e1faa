import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { gradeInOrder, openStackSession, selectStages, UnknownStageError, unwrittenStep, type Grader, type StageOutcome } from '@cdc-lab/grading';
import { COMMAND_VARIABLE, exercisesIn, findLab, LANGUAGE_VARIABLE, languageOf, loadManifest, readProgress, recordOutcomes, requireTrack, resolveTarget, TARGET_VARIABLE, type Language, type Lab, type LabRecord, type Target } from '@cdc-lab/workbook';
import { passCtrlCTo } from '../interrupt.ts';
import { requireBuilt } from './lab-invocation.ts';

export const TEST_LAB_USAGE = `usage: pnpm test:lab <lab> [--starter | --command "<your program>"] [--lang python] [--stage <slug> | --from <slug>] [--all] [--watch] [--seed N]

Grades a lab against a real stack: the grader starts your program, drives it from outside and
checks what it prints and produces. Stages run in the order the chapter builds them, and the
run stops at the first one that fails, with what was expected, what came, a hint and where to read.

  (default)            grade the reference implementation in src/
  --starter            grade your work in the lab's starter/ folder
  --command "<cmd>"    grade any program, in any language (the chapter's Contract section says what it must do)
  --lang python        the Python track (labs that have one): python/reference/, or with --starter
                       your work in python/starter/ (set up once: pnpm python:setup)
  --stage <slug>       grade one stage only (the word before the colon on each line)
  --from <slug>        grade from one stage on
  --all                go on after a failure and grade every stage
  --watch              grade again every time you save a file of the lab
  --seed N             replay a random workload exactly (the seed is printed with each failure)

Grading your code (--starter or --command) records which stages pass: pnpm progress shows it,
and pnpm hint follows what failed.`;

/**
 * The grader as a track sees it: the Python track leaves some extension stages to the
 * TypeScript reference (the manifest says which, and why), so they are not graded there.
 */
export function stagesOfTrack(grader: Grader, language: Language): Grader {
  const leaves = language === 'python' ? grader.lab.python?.leaves ?? {} : {};
  return { ...grader, stages: grader.stages.filter((stage) => !(stage.slug in leaves)) };
}

export interface TestLabOptions {
  lab: Lab;
  target: 'reference' | 'starter' | 'command';
  command?: string;
  /** The track graded: TypeScript unless --lang (or CDC_LAB_LANG) says python. */
  language: Language;
  /** Whether the track was asked for (--lang or CDC_LAB_LANG), rather than the default. */
  languageGiven?: boolean;
  watch: boolean;
  all: boolean;
  seed?: string;
  stage?: string;
  from?: string;
}

export function parseTestLabArgs(argv: string[]): TestLabOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      starter: { type: 'boolean', default: false },
      command: { type: 'string' },
      lang: { type: 'string' },
      watch: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      seed: { type: 'string' },
      stage: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new ConfigurationError('name exactly one lab to grade', { hint: TEST_LAB_USAGE });
  if (values.starter && values.command) throw new ConfigurationError('--starter and --command exclude each other');
  if (values.stage && values.from) throw new ConfigurationError('--stage and --from exclude each other', { hint: '--stage grades one stage, --from grades it and every stage after it' });
  if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new ConfigurationError(`--seed takes a non-negative integer, not ${values.seed}`);
  for (const [option, value] of [['--stage', values.stage], ['--from', values.from]] as const) {
    if (value !== undefined && !/^[a-z0-9-]+$/.test(value)) throw new ConfigurationError(`${option} takes a stage's slug (lower-case letters, digits and dashes), not ${JSON.stringify(value)}`);
  }
  const lab = findLab(loadManifest(), positionals[0]);
  const language = languageOf(values.lang);
  if (values.command && values.lang !== undefined) throw new ConfigurationError('--command and --lang exclude each other', { hint: '--command grades your own program, whatever its language; --lang picks the track of the lab\'s reference and starter' });
  if (!values.command) requireTrack(lab, language);
  return {
    lab,
    target: values.command ? 'command' : values.starter ? 'starter' : 'reference',
    ...(values.command ? { command: values.command } : {}),
    language,
    languageGiven: values.lang !== undefined || Boolean(process.env[LANGUAGE_VARIABLE]),
    watch: values.watch,
    all: values.all,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.stage !== undefined ? { stage: values.stage } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
  };
}

/**
 * A learner on the Python track who leaves out --lang grades the TypeScript starter, and the
 * record of their Python work gives way to it: say so before grading, not after.
 */
export function forgottenTrack(options: Pick<TestLabOptions, 'target' | 'language' | 'lab'> & { languageGiven?: boolean }, record: LabRecord | undefined): string | undefined {
  if (options.target !== 'starter' || options.language !== 'typescript' || options.languageGiven) return undefined;
  if (record?.language !== 'python') return undefined;
  return `Lab ${options.lab.number} was last graded in Python; this grades the TypeScript starter. For your Python code: pnpm test:lab ${options.lab.number} --starter --lang python`;
}

/** The program a run grades. */
export function targetOf(options: TestLabOptions): Target {
  const env = options.target === 'command' && options.command ? { [COMMAND_VARIABLE]: options.command } : { [TARGET_VARIABLE]: options.target, [LANGUAGE_VARIABLE]: options.language };
  return resolveTarget(options.lab, env);
}

export async function loadGrader(lab: Lab): Promise<Grader> {
  const file = path.join(repoRoot(), lab.dir, 'test', 'grader.ts');
  if (!fs.existsSync(file)) throw new ConfigurationError(`${lab.dir}/test/grader.ts is missing`);
  return ((await import(pathToFileURL(file).href)) as { grader: Grader }).grader;
}

export async function testLabCommand(argv: string[]): Promise<void> {
  const options = parseTestLabArgs(argv);
  if (options === 'help') {
    console.log(TEST_LAB_USAGE);
    return;
  }
  requireBuilt(options.lab);
  const grader = stagesOfTrack(await loadGrader(options.lab), options.language);
  const left = options.language === 'python' ? Object.keys(options.lab.python?.leaves ?? {}) : [];
  if (left.length > 0) console.log(colour.dim(`The Python track leaves ${left.join(', ')} to the TypeScript reference: see the chapter's In Python section.`));
  try {
    selectStages(grader, { ...(options.stage ? { only: options.stage } : {}), ...(options.from ? { from: options.from } : {}) });
  } catch (error) {
    if (error instanceof UnknownStageError) throw new ConfigurationError(error.message, { hint: error.hint });
    throw error;
  }
  if (options.seed !== undefined) process.env.CDC_LAB_SEED = options.seed;
  const target = targetOf(options);
  const otherTrack = forgottenTrack(options, readProgress().labs[String(options.lab.number)]);
  if (otherTrack) console.log(colour.yellow(otherTrack));

  const session = await openStackSession(options.lab.services, (line) => console.error(colour.dim(`[stack] ${line}`)));
  let interrupted = false;
  const restore = passCtrlCTo(() => {
    if (interrupted) return;
    interrupted = true;
    console.error(colour.dim('\nStopping: the stage in progress ends and cleans up…'));
    void stopRunningPrograms();
  });
  try {
    const run = () => gradeOnce(options, grader, target, session.env, () => interrupted);
    let passed = await run();
    if (options.watch && !interrupted) passed = await watch(options.lab, target, run, () => interrupted);
    process.exitCode = interrupted && options.watch ? 0 : interrupted ? 130 : passed ? 0 : 1;
  } finally {
    restore();
    await session.finish();
  }
}

/** Stop every program a stage started, so that the stage ends now and cleans up after itself. */
async function stopRunningPrograms(): Promise<void> {
  const { LabProcess } = await import('@cdc-lab/grading');
  await LabProcess.killAll();
}

async function gradeOnce(options: TestLabOptions, grader: Grader, target: Target, stack: Parameters<typeof gradeInOrder>[2], interrupted: () => boolean): Promise<boolean> {
  const lab = options.lab;
  const selection = { ...(options.stage ? { only: options.stage } : {}), ...(options.from ? { from: options.from } : {}), all: options.all };
  const selected = selectStages(grader, selection);
  console.log(colour.bold(`Lab ${lab.number} — ${lab.title}: grading ${target.describe}`));
  let saidExtensions = false;
  const outcomes = await gradeInOrder(grader, target, stack, selection, {
    started: (stage) => {
      if (stage.extension && !saidExtensions) {
        saidExtensions = true;
        console.log(colour.dim(EXTENSIONS_HEADER));
      }
      if (process.stdout.isTTY) process.stdout.write(colour.dim(`  … ${stage.slug}: ${stage.title}`));
    },
    finished: (outcome) => {
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[2K');
      if (interrupted() && !outcome.passed) return;
      console.log(stageLine(outcome));
    },
    stopped: interrupted,
  });
  if (interrupted()) {
    console.log(colour.dim('Interrupted: nothing recorded for the stage that was running.'));
    return false;
  }
  if (target.kind !== 'reference') {
    recordRun(lab, grader, target, outcomes);
  }
  const failure = outcomes.find((outcome) => !outcome.passed);
  if (failure) console.log(`\n${explainFailure(lab, grader, failure, selected.length, outcomes, options, target)}`);
  console.log('');
  const summary = runSummary(grader, outcomes, options.all);
  if (summary) console.log(summary);
  return !failure;
}

export const EXTENSIONS_HEADER = '  Extension stages: depth beyond the lesson. The lab is passed without them.';

/**
 * The run's last line. The lab is passed when its base stages pass, so a failure in an
 * extension stage after every base stage passed says so rather than sounding like a defeat.
 */
export function runSummary(grader: Grader, outcomes: readonly StageOutcome[], all: boolean): string {
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const passed = outcomes.filter((outcome) => outcome.passed);
  const failure = outcomes.find((outcome) => !outcome.passed);
  const base = grader.stages.filter((stage) => !stage.extension);
  const extensions = grader.stages.length - base.length;
  const basePassed = base.every((stage) => outcomes.some((outcome) => outcome.stage === stage && outcome.passed));
  const labDone = basePassed && extensions > 0 ? ` Every base stage passes: lab ${grader.lab.number} is done.` : '';
  if (!failure) return colour.green(`All ${plural(passed.length, 'stage')} graded pass.${labDone}`);
  if (failure.stage.extension && basePassed) return `${colour.green(`Every base stage passes: lab ${grader.lab.number} is done.`)} Extension stage ${failure.stage.slug} does not pass yet${all ? ` (${passed.length} of ${outcomes.length} stages pass)` : ''}.`;
  return all ? `${passed.length} of ${outcomes.length} stages pass.` : '';
}

/** Keep what the learner's code passed, for pnpm progress and pnpm hint. */
export function recordRun(lab: Lab, grader: Grader, target: Target, outcomes: readonly StageOutcome[]): void {
  if (target.kind === 'reference') return;
  recordOutcomes(lab.number, { kind: target.kind, describe: target.describe, ...(target.kind === 'starter' && target.language ? { language: target.language } : {}) }, outcomes.filter((outcome) => !outcome.graderError).map((outcome) => {
    const unwritten = unwrittenStep(outcome.report?.transcript);
    return { slug: outcome.stage.slug, passed: outcome.passed, ...(unwritten ? { step: unwritten.step } : {}) };
  }), grader.stages.length, { extensions: grader.stages.filter((stage) => stage.extension).map((stage) => stage.slug) });
}

export function stageLine(outcome: StageOutcome): string {
  const seconds = `(${(outcome.ms / 1000).toFixed(1)} s)`;
  const title = `${outcome.stage.slug}: ${outcome.stage.title}${outcome.stage.extension ? colour.dim(' (extension)') : ''}`;
  return outcome.passed ? `  ${colour.green('✔')} ${title} ${colour.dim(seconds)}` : `  ${colour.red('✘')} ${title} ${colour.dim(seconds)}`;
}

/**
 * One clear failure: the grader's own report (expected, got, hint, docs, the program's last
 * lines, the seed), then what it means for the learner's work — the exercise to look at, and
 * whether the stage builds on earlier ones not passed yet.
 */
export function explainFailure(lab: Lab, grader: Grader, failure: StageOutcome, selectedCount: number, outcomes: readonly StageOutcome[], options: Pick<TestLabOptions, 'all' | 'stage' | 'from' | 'target'> & { command?: string; language?: Language }, target: Target): string {
  const lines: string[] = [];
  if (failure.graderError) {
    lines.push(colour.red(`The grader itself failed during stage ${failure.stage.slug}; this says nothing about your program:`), failure.message ?? '');
    lines.push(colour.dim('If it happens again, check the stack with pnpm stack status.'));
    return lines.join('\n');
  }
  lines.push(colour.red(`${failure.stage.extension ? 'Extension stage' : 'Stage'} ${failure.stage.slug} failed.`), failure.message ?? '');
  const notStarted = /could not start (.+?): (.+)$/m.exec(failure.report?.transcript ?? '');
  if (notStarted) {
    lines.push('', `Your program did not start at all: ${notStarted[2]}. The command runs without a shell (no cd, &&, or VAR=value): put those in a script, and start the program from it with exec.`);
    return lines.join('\n');
  }
  const unwritten = unwrittenStep(failure.report?.transcript);
  const language = target.kind === 'command' ? 'typescript' : target.language ?? 'typescript';
  const exercises = exercisesIn(lab, language);
  const inPython = language === 'python' ? ' --lang python' : '';
  const owner = unwritten ? exercises.find((exercise) => exercise.step === unwritten.step) : undefined;
  if (unwritten) {
    lines.push('', `Your program stopped at a part not written yet: "${unwritten.step}"${owner ? ` — exercise ${owner.name}, ${owner.function} in ${lab.dir}/${owner.file}` : ''}.`);
    if (unwritten.docs) lines.push(`Read ${unwritten.docs}${owner ? `; stuck? pnpm hint ${lab.number} ${owner.name}${inPython}` : ''}`);
  } else if (target.kind === 'starter') {
    const checked = exercises.filter((exercise) => exercise.stages.includes(failure.stage.slug));
    if (checked.length > 0) {
      lines.push('', `This stage checks: ${checked.map((exercise) => `${exercise.name} (${exercise.function} in ${lab.dir}/${exercise.file})`).join(', ')}. Stuck? pnpm hint ${lab.number}${inPython}`);
    }
  }
  const earlier = grader.stages.slice(0, grader.stages.indexOf(failure.stage));
  const record = target.kind === 'reference' ? undefined : readProgress().labs[String(lab.number)];
  const notPassed = earlier.filter((stage) => !outcomes.some((outcome) => outcome.stage === stage && outcome.passed) && record?.stages[stage.slug]?.passed !== true);
  if (notPassed.length > 0 && (options.stage || options.from)) {
    lines.push('', `It builds on earlier stages your code has not passed yet: ${notPassed.map((stage) => stage.slug).join(', ')}. Grade from the start to see the first of them: ${rerun(lab, options, {})}`);
  }
  const after = selectedCount - outcomes.length;
  if (after > 0) {
    const first = grader.stages[0] === failure.stage;
    lines.push('', colour.dim(`Stopped at the first failing stage; ${after} after it not graded. Fix it, then grade again: ${rerun(lab, options, first ? {} : { from: failure.stage.slug })}`));
  }
  return lines.join('\n');
}

function rerun(lab: Lab, options: Pick<TestLabOptions, 'target'> & { command?: string; language?: Language }, extra: { from?: string }): string {
  const target = options.target === 'starter' ? ' --starter' : options.target === 'command' ? ` --command "${options.command ?? '…'}"` : '';
  const language = options.language === 'python' && options.target !== 'command' ? ' --lang python' : '';
  return `pnpm test:lab ${lab.number}${target}${language}${extra.from ? ` --from ${extra.from}` : ''}`;
}

/** Grade again on every save of the lab's files, until Ctrl-C. */
async function watch(lab: Lab, target: Target, run: () => Promise<boolean>, interrupted: () => boolean): Promise<boolean> {
  const python = target.kind !== 'command' && target.language === 'python';
  const folder = path.join(repoRoot(), lab.dir, target.kind === 'starter' ? (python ? 'python/starter' : 'starter') : target.kind === 'reference' ? (python ? 'python/reference' : 'src') : '');
  let last = false;
  let pending = false;
  let running = false;
  console.log(colour.dim(`\nWatching ${path.relative(repoRoot(), folder) || '.'} — save a file to grade again, Ctrl-C to stop.`));
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const watcher = fs.watch(folder, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void again(), 300);
    });
    const again = async () => {
      if (running) {
        pending = true;
        return;
      }
      running = true;
      console.log('');
      last = await run();
      running = false;
      if (pending && !interrupted()) {
        pending = false;
        void again();
      } else console.log(colour.dim('Watching — save a file to grade again, Ctrl-C to stop.'));
    };
    const poll = setInterval(() => {
      if (!interrupted() || running) return;
      clearInterval(poll);
      watcher.close();
      resolve();
    }, 200);
  });
  return last;
}
