import fs from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import type { Exercise, Lab } from './manifest.ts';

/**
 * The language a learner writes a lab in. TypeScript is the course's own; Python is a second
 * track for the labs that have one (a `python:` entry in the manifest), judged by the same
 * graders: they see only what the program prints and changes, never how it is written.
 */
export type Language = 'typescript' | 'python';
export const LANGUAGES: readonly Language[] = ['typescript', 'python'];

/** Chooses the track when no `--lang` is given: `CDC_LAB_LANG=python pnpm test:lab 1 --starter`. */
export const LANGUAGE_VARIABLE = 'CDC_LAB_LANG';

export function parseLanguage(value: string | undefined, from = '--lang'): Language {
  const wanted = (value ?? '').trim().toLowerCase();
  if (wanted === '') return 'typescript';
  if (wanted === 'ts') return 'typescript';
  if (wanted === 'py') return 'python';
  if ((LANGUAGES as readonly string[]).includes(wanted)) return wanted as Language;
  throw new ConfigurationError(`${from} ${JSON.stringify(value)} is not a language cdc-lab has`, { hint: `use ${LANGUAGES.join(' or ')}` });
}

/** The language asked for on the command line, else by CDC_LAB_LANG, else TypeScript. */
export function languageOf(flag: string | undefined, env: Record<string, string | undefined> = process.env): Language {
  if (flag !== undefined) return parseLanguage(flag);
  return parseLanguage(env[LANGUAGE_VARIABLE], LANGUAGE_VARIABLE);
}

export function languageName(language: Language): string {
  return language === 'python' ? 'Python' : 'TypeScript';
}

/** Labs with a Python track, for messages: "1, 3 and 4". */
export function pythonLabs(labs: readonly Lab[]): string {
  const numbers = labs.filter((lab) => lab.python).map((lab) => String(lab.number));
  return numbers.length <= 1 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** Refuse a language the lab has no track in. */
export function requireTrack(lab: Lab, language: Language): void {
  if (language === 'python' && !lab.python) {
    throw new ConfigurationError(`lab ${lab.number} has no Python track yet`, { hint: 'the labs with one are listed in the README\'s course map; grade this lab in TypeScript, or your own program with --command' });
  }
}

/**
 * The exercises of a lab in one language: the Python track names its own files, functions and,
 * where they differ, hints; an exercise a Python library does for the learner is left out.
 */
export function exercisesIn(lab: Lab, language: Language): Exercise[] {
  if (language === 'typescript') return lab.exercises;
  return lab.exercises.flatMap((exercise) => {
    const python = exercise.python;
    if (!python || 'absent' in python) return [];
    return [{ ...exercise, file: python.file, function: python.function, hints: python.hints ?? exercise.hints }];
  });
}

/** The project's Python environment, made by `pnpm python:setup`. */
export function pythonEnvironment(root = repoRoot()): string {
  return path.join(root, '.venv');
}

export function pythonInterpreter(root = repoRoot()): string {
  return path.join(pythonEnvironment(root), 'bin', 'python');
}

/** The interpreter, or a ConfigurationError that says how to make it. */
export function requirePython(root = repoRoot()): string {
  const interpreter = pythonInterpreter(root);
  if (!fs.existsSync(interpreter)) {
    throw new ConfigurationError('the Python track needs its environment, and .venv does not exist yet', { hint: 'run pnpm python:setup once (it installs the pinned libraries from PyPI into .venv)' });
  }
  return interpreter;
}
