import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { defaultStateDir } from '@cdc-lab/harness';
import { exercisesIn, findLab, languageOf, loadManifest, readProgress, requireTrack, type Exercise, type Lab, type LabRecord } from '@cdc-lab/workbook';

const LAYER_NAMES = ['the idea', 'the direction', 'near-code'];

export const HINT_USAGE = `usage: pnpm hint <lab> [exercise] [--all | --reset] [--lang python]

Reveals the next layer of an exercise's hints, one at a time: the idea, then the direction,
then something close to code. Without an exercise, it picks the one your last grading
(pnpm test:lab <lab> --starter) failed on, or the first you have not passed. Layers already
revealed are shown again above the new one.

  --all            show every layer of the exercise at once
  --reset          hide the lab's hints again
  --lang python    the Python track's hints (by default, the track your last grading used)`;

/** Which hint layers a learner has seen, per lab and exercise ("1:keyset-query"); kept with the rest of the local state. */
function revealedFile(): string {
  return path.join(defaultStateDir(), 'hints.json');
}

export function readRevealed(file = revealedFile()): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function writeRevealed(revealed: Record<string, number>, file = revealedFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(revealed, null, 2)}\n`);
}

export async function hintCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { all: { type: 'boolean', default: false }, reset: { type: 'boolean', default: false }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(HINT_USAGE);
    return;
  }
  if (positionals.length > 2) throw new ConfigurationError('name a lab, and at most one exercise', { hint: HINT_USAGE });
  const manifestLab = findLab(loadManifest(), positionals[0]);
  requireHints(manifestLab);
  const record = readProgress().labs[String(manifestLab.number)];
  // The learner's track: asked for, else the one their last grading of this lab used.
  const language = values.lang !== undefined ? languageOf(values.lang) : record?.language === 'python' && manifestLab.python ? 'python' : languageOf(undefined);
  requireTrack(manifestLab, language);
  if (positionals[1]) explainAbsent(manifestLab, positionals[1], language);
  const lab: Lab = { ...manifestLab, exercises: exercisesIn(manifestLab, language) };
  const revealed = readRevealed();
  if (values.reset) {
    for (const key of Object.keys(revealed)) if (key === String(lab.number) || key.startsWith(`${lab.number}:`)) delete revealed[key];
    writeRevealed(revealed);
    console.log(`Hints for lab ${lab.number} are hidden again.`);
    return;
  }
  const { exercise, why } = positionals[1] ? { exercise: findExercise(lab, positionals[1]), why: undefined } : chooseExercise(lab, record, language === 'python' ? ' --lang python' : '');
  // Each track reveals its own layers: the Python near-code is not the TypeScript one.
  const key = `${lab.number}:${exercise.name}${language === 'python' ? ':python' : ''}`;
  const already = revealed[key] ?? 0;
  const showing = values.all ? exercise.hints.length : Math.min(already + 1, exercise.hints.length);
  revealed[key] = showing;
  writeRevealed(revealed);
  printHints(lab, exercise, showing, already, why, language === 'python' ? ' --lang python' : '');
}

/**
 * The exercise a learner most likely needs: the one whose unwritten step the last grading
 * stopped at, else the first that checks the stage that failed, else the first exercise with
 * a stage not yet passed.
 */
export function chooseExercise(lab: Lab, record: LabRecord | undefined, track = ''): { exercise: Exercise; why: string } {
  const failure = record?.lastFailure;
  if (failure?.step) {
    const owner = lab.exercises.find((exercise) => exercise.step === failure.step);
    if (owner) return { exercise: owner, why: `your last grading stopped at stage ${failure.stage}, where your program reached "${failure.step}", not written yet` };
  }
  if (failure) {
    const checker = lab.exercises.find((exercise) => exercise.stages.includes(failure.stage));
    if (checker) return { exercise: checker, why: `your last grading failed at stage ${failure.stage}, which checks this exercise` };
  }
  const open = lab.exercises.find((exercise) => exercise.stages.some((stage) => record?.stages[stage]?.passed !== true));
  if (open) {
    return { exercise: open, why: record ? 'the first exercise with a stage your code has not passed yet' : `the first exercise; grade your code with pnpm test:lab ${lab.number} --starter${track}, and hints follow what fails` };
  }
  return { exercise: lab.exercises[0]!, why: 'your code passes every stage; name an exercise to see its hints: ' + lab.exercises.map((exercise) => exercise.name).join(', ') };
}

/** An exercise the Python track leaves to its library has no hints there: say why instead. */
function explainAbsent(lab: Lab, name: string, language: ReturnType<typeof languageOf>): void {
  const python = lab.exercises.find((candidate) => candidate.name === name)?.python;
  if (language === 'python' && python && 'absent' in python) {
    throw new ConfigurationError(`exercise ${name} is not part of lab ${lab.number}'s Python track: ${python.absent}`, { hint: `its hints for TypeScript: pnpm hint ${lab.number} ${name} --lang typescript` });
  }
}

function findExercise(lab: Lab, name: string): Exercise {
  const exercise = lab.exercises.find((candidate) => candidate.name === name);
  if (!exercise) {
    throw new ConfigurationError(`lab ${lab.number} has no exercise ${JSON.stringify(name)}`, { hint: `its exercises: ${lab.exercises.map((candidate) => candidate.name).join(', ')}` });
  }
  return exercise;
}

function printHints(lab: Lab, exercise: Exercise, showing: number, already: number, why: string | undefined, track: string): void {
  console.log(colour.bold(`Lab ${lab.number}, exercise ${exercise.name}: ${exercise.title} — hint ${showing} of ${exercise.hints.length}`));
  console.log(colour.dim(`${lab.dir}/${exercise.file}, ${exercise.function}`));
  if (why) console.log(colour.dim(`(${why})`));
  exercise.hints.slice(0, showing).forEach((hint, index) => {
    const heading = `Layer ${index + 1}, ${LAYER_NAMES[index] ?? 'more'}`;
    console.log('');
    console.log(index >= already ? colour.yellow(heading) : colour.dim(heading));
    console.log(hint.trim());
  });
  console.log('');
  if (already >= exercise.hints.length) console.log(colour.dim(`That was the last layer. The chapter ${lab.docs} explains the mechanism.`));
  else if (showing < exercise.hints.length) console.log(colour.dim(`Run pnpm hint ${lab.number} ${exercise.name}${track} again for the next layer.`));
}

/** A lab that is not built yet has no hints to give: say so, and where to read instead. */
export function requireHints(lab: Lab): void {
  if (lab.exercises.length > 0) return;
  throw new ConfigurationError(`lab ${lab.number} (${lab.title}) has no hints yet`, { hint: `it is not built yet; see ${lab.docs}` });
}
