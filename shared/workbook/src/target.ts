import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { languageName, languageOf, requirePython, requireTrack, type Language, LANGUAGE_VARIABLE } from './language.ts';
import type { Lab } from './manifest.ts';

/**
 * Which program a grader drives. The reference is the default (that is what CI proves);
 * the starter is the learner's copy; a command lets a learner grade a program written in any
 * language, as long as it reads the same environment variables and prints the same lines.
 */
export type Target =
  | { kind: 'reference'; command: string[]; describe: string; language?: Language }
  | { kind: 'starter'; command: string[]; describe: string; language?: Language }
  | { kind: 'command'; command: string[]; describe: string };

/** Variables `pnpm test:lab` uses to tell the grader what to drive (and LANGUAGE_VARIABLE, in which track). */
export const TARGET_VARIABLE = 'CDC_LAB_TARGET';
export const COMMAND_VARIABLE = 'CDC_LAB_COMMAND';
export { LANGUAGE_VARIABLE };

export function resolveTarget(lab: Lab, env: Record<string, string | undefined> = process.env): Target {
  const command = env[COMMAND_VARIABLE]?.trim();
  if (command) return { kind: 'command', command: splitCommand(command), describe: `your command \`${command}\`` };
  const kind = env[TARGET_VARIABLE]?.trim() || 'reference';
  if (kind !== 'reference' && kind !== 'starter') {
    throw new ConfigurationError(`${TARGET_VARIABLE}=${kind} is not a target`, {
      hint: `use reference or starter, or set ${COMMAND_VARIABLE} to grade your own program`,
    });
  }
  return programTarget(lab, kind, languageOf(undefined, env));
}

/**
 * The reference or starter of a lab: in TypeScript, run with tsx from the repository's own
 * install; in Python, with the project's environment (.venv).
 */
export function programTarget(lab: Lab, kind: 'reference' | 'starter', language: Language = 'typescript'): Target {
  if (language === 'python') return pythonTarget(lab, kind);
  const relativeEntry = kind === 'reference' ? lab.entry : lab.entry.replace(/^src\//, 'starter/');
  const entry = path.join(repoRoot(), lab.dir, relativeEntry);
  if (!fs.existsSync(entry)) {
    throw new ConfigurationError(`lab ${lab.number} has no ${kind} at ${path.relative(repoRoot(), entry)}`, {
      hint: lab.status === 'planned' ? `lab ${lab.number} is not built yet` : 'restore the file from git',
    });
  }
  // The starter runs the reference program with the learner's exercise files in place of the
  // reference's ones (run-starter.ts): its other files are one-line re-exports of the reference.
  const runner = kind === 'starter' ? [...typescriptRunner(), '--import', STARTER_HOOKS] : typescriptRunner();
  return { kind, command: [...runner, entry], describe: `the ${kind} (${path.relative(repoRoot(), entry)})` };
}

/**
 * A lab's Python reference or starter. The starter's main.py puts the reference's folder on
 * the module path after its own, so the learner's exercise modules shadow the reference's
 * and every other module is the reference's: the same arrangement as the TypeScript starter.
 * `-u` keeps stdout unbuffered: a grader reads lines as the program prints them.
 */
export function pythonTarget(lab: Lab, kind: 'reference' | 'starter'): Target {
  requireTrack(lab, 'python');
  const relativeEntry = kind === 'reference' ? lab.python!.entry : lab.python!.entry.replace(/^python\/reference\//, 'python/starter/');
  const entry = path.join(repoRoot(), lab.dir, relativeEntry);
  if (!fs.existsSync(entry)) {
    throw new ConfigurationError(`lab ${lab.number} has no Python ${kind} at ${path.relative(repoRoot(), entry)}`, { hint: 'restore the file from git' });
  }
  return { kind, language: 'python', command: [requirePython(), '-u', entry], describe: `the ${languageName('python')} ${kind} (${path.relative(repoRoot(), entry)})` };
}

const STARTER_HOOKS = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-starter.ts')).href;

/** Another program file run through tsx: how graders run their deliberately broken variants. */
export function fileTarget(file: string, describe: string): Target {
  return { kind: 'command', command: [...typescriptRunner(), file], describe };
}

/**
 * Node with tsx loaded in-process (programs start with the repository root as their working
 * directory, where tsx is installed). One process rather than the `tsx` wrapper, which would
 * start Node as a child: signals and exit codes then reach the program itself, as when a
 * user presses Ctrl-C or a crash test sends SIGKILL.
 */
export function typescriptRunner(): string[] {
  return [process.execPath, '--import', 'tsx'];
}

/** Split a command line on spaces, keeping quoted parts together ("python my lab.py" → 3 words). */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  if (words.length === 0) throw new ConfigurationError('the command to grade is empty');
  return words;
}
