import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cdc-lab/harness';
import { countLines, type ReferenceBody } from './exercise-bodies.ts';
import { exercisesIn, pythonInterpreter } from './language.ts';
import type { Exercise, Lab } from './manifest.ts';

/**
 * The Python track's side of the exercise checks: Python's own parser (the `ast` module, run
 * by shared/python/tools/exercise_bodies.py) reads function bodies and comments, as the
 * TypeScript compiler does for the TypeScript track.
 */
const TOOL = ['shared', 'python', 'tools', 'exercise_bodies.py'];

function runTool(root: string, args: string[]): unknown {
  // The project's environment when it exists; the parser needs only the standard library.
  const python = fs.existsSync(pythonInterpreter(root)) ? pythonInterpreter(root) : 'python3';
  return JSON.parse(execFileSync(python, [path.join(root, ...TOOL), ...args], { encoding: 'utf8' })) as unknown;
}

/** The python/reference/ file that answers a Python exercise whose file is python/starter/x.py. */
export function pythonReferenceFileOf(lab: Lab, exercise: Exercise): string {
  return path.join(lab.dir, exercise.file.replace(/^python\/starter\//, 'python/reference/'));
}

/** A Python exercise (as exercisesIn(lab, 'python') gives it) answered by its reference. */
export function pythonReferenceBody(lab: Lab, exercise: Exercise, root = repoRoot()): ReferenceBody {
  const file = pythonReferenceFileOf(lab, exercise);
  const read = runTool(root, ['body', path.join(root, file), exercise.function]) as { start: number; code_lines: { line: number; text: string }[] };
  return { exercise, file, firstLine: read.start, codeLines: read.code_lines };
}

/** The steps the starter's function hands to todo(): the words the program stops with. */
export function pythonTodoSteps(lab: Lab, exercise: Exercise, root = repoRoot()): string[] {
  return (runTool(root, ['body', path.join(root, lab.dir, exercise.file), exercise.function]) as { todo_steps: string[] }).todo_steps;
}

/** The comments and docstrings of a Python file. */
export function pythonCommentsOf(file: string, root = repoRoot()): string {
  return (runTool(root, ['comments', file]) as { comments: string }).comments;
}

/** Lines a learner writes on a lab's Python track, counted as linesToWrite counts TypeScript. */
export function pythonLinesToWrite(lab: Lab, root = repoRoot()): number {
  return countLines(exercisesIn(lab, 'python').map((exercise) => pythonReferenceBody(lab, exercise, root)));
}
