import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot, SERVICE_NAMES, type ServiceName } from '@cdc-lab/harness';

export type LabStatus = 'built' | 'planned';

/**
 * One piece of the starter the learner writes: a function in a file, the stages that check
 * it, and three layers of hints for it alone.
 */
export interface Exercise {
  /** Short slug, e.g. `keyset-query`: `pnpm hint 1 keyset-query`. */
  name: string;
  title: string;
  /** Relative to the lab folder, e.g. `starter/poll.ts`. */
  file: string;
  function: string;
  /** The step its `todo()` names in the starter, e.g. `the keyset query`. */
  step: string;
  /** Stage slugs that check this exercise. */
  stages: string[];
  /** The idea, the direction, near-code. */
  hints: string[];
  /** The same exercise on the Python track, or why that track has none (a library does it). */
  python?: PythonExercise | { absent: string };
}

export interface PythonExercise {
  /** Relative to the lab folder, e.g. `python/starter/poll.py`. */
  file: string;
  /** `function` or `Class.method`. */
  function: string;
  /** Replaces the TypeScript hints where Python's differ (near-code, above all). */
  hints?: string[];
}

/** A lab's Python track: a reference and a starter the same grader judges. */
export interface PythonTrack {
  /** Relative to the lab folder; the starter mirrors it under python/starter/. */
  entry: string;
  /** Extension stages the Python reference leaves to the TypeScript one, and why. */
  leaves: Record<string, string>;
}

export interface Lab {
  number: number;
  slug: string;
  title: string;
  summary: string;
  status: LabStatus;
  services: ServiceName[];
  /** Program entry, relative to the lab folder (the starter has the same path under starter/). */
  entry: string;
  /** What the learner writes, in the order the chapter builds it. */
  exercises: Exercise[];
  /** The Python track, for the labs that have one. */
  python?: PythonTrack;
  /** How long the lab takes a learner, e.g. "3–4 hours". */
  estimate: string;
  /** One SQL statement to run in `pnpm psql` while the program runs, to see the lab react. */
  try?: string;
  /** What to follow on `pnpm observe`'s page while the lab runs: which marker moves, and when. */
  watch?: string;
  /** Derived: labs/<NN>-<slug>, relative to the repository root. */
  dir: string;
  /** Derived: the lab's chapter, docs/<NN>-<slug>.md. */
  docs: string;
  /** Derived: the workspace package name, @cdc-lab/<NN>-<slug>. */
  packageName: string;
}

export function manifestPath(root = repoRoot()): string {
  return path.join(root, 'labs', 'manifest.yaml');
}

export function loadManifest(file = manifestPath()): Lab[] {
  const document = parse(fs.readFileSync(file, 'utf8')) as { labs?: unknown };
  if (!Array.isArray(document?.labs)) throw invalid(file, 'it must have a top-level `labs:` list');
  const labs = document.labs.map((entry, index) => validateLab(entry, index, file));
  labs.forEach((lab, index) => {
    if (lab.number !== index + 1) throw invalid(file, `lab ${lab.slug} is number ${lab.number} but stands at position ${index + 1}`);
  });
  return labs;
}

/** Look a lab up by number ("3"), padded number ("03") or slug ("logical-streamer"). */
export function findLab(labs: Lab[], query: string | undefined): Lab {
  const wanted = (query ?? '').trim();
  const lab = labs.find((candidate) => String(candidate.number) === wanted.replace(/^0+(?=\d)/, '') || candidate.slug === wanted);
  if (!lab) {
    throw new ConfigurationError(wanted ? `there is no lab ${JSON.stringify(wanted)}` : 'which lab? give its number', {
      hint: `labs are ${labs.map((candidate) => `${candidate.number} (${candidate.slug})`).join(', ')}`,
    });
  }
  return lab;
}

function validateLab(entry: unknown, index: number, file: string): Lab {
  const where = `labs[${index}]`;
  if (typeof entry !== 'object' || entry === null) throw invalid(file, `${where} is not a mapping`);
  const raw = entry as Record<string, unknown>;
  const text = (key: string): string => {
    if (typeof raw[key] !== 'string' || raw[key] === '') throw invalid(file, `${where}.${key} must be a non-empty string`);
    return raw[key] as string;
  };
  const number = raw.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw invalid(file, `${where}.number must be a positive integer`);
  const slug = text('slug');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw invalid(file, `${where}.slug must be lower-case words joined by dashes`);
  const status = text('status');
  if (status !== 'built' && status !== 'planned') throw invalid(file, `${where}.status must be built or planned`);
  const services = raw.services;
  if (!Array.isArray(services) || services.some((service) => !(SERVICE_NAMES as readonly unknown[]).includes(service))) {
    throw invalid(file, `${where}.services must list some of ${SERVICE_NAMES.join(', ')}`);
  }
  const exerciseList = raw.exercises ?? [];
  if (status === 'built' && !(Array.isArray(exerciseList) && exerciseList.length > 0)) throw invalid(file, `${where}: a built lab lists its exercises`);
  const exercises = validateExercises(exerciseList, where, file);
  const tryStatement = raw.try;
  if (tryStatement !== undefined && (typeof tryStatement !== 'string' || tryStatement.trim() === '')) throw invalid(file, `${where}.try must be one SQL statement`);
  const watch = raw.watch;
  if (watch !== undefined && (typeof watch !== 'string' || watch.trim() === '')) throw invalid(file, `${where}.watch must say what to follow on the observe page`);
  const name = `${String(number).padStart(2, '0')}-${slug}`;
  const python = raw.python === undefined ? undefined : validatePythonTrack(raw.python, `${where}.python`, file);
  if (python && !exercises.some((exercise) => exercise.python && !('absent' in exercise.python))) {
    throw invalid(file, `${where}.python: a lab with a Python track names the Python file of at least one exercise`);
  }
  if (!python && exercises.some((exercise) => exercise.python)) throw invalid(file, `${where}: exercises name Python files, but the lab has no python: entry`);
  return {
    number,
    slug,
    title: text('title'),
    summary: text('summary'),
    status,
    services: services as ServiceName[],
    entry: text('entry'),
    exercises,
    estimate: text('estimate'),
    ...(python ? { python } : {}),
    ...(typeof tryStatement === 'string' ? { try: tryStatement.trim() } : {}),
    ...(typeof watch === 'string' ? { watch: watch.trim() } : {}),
    dir: `labs/${name}`,
    docs: `docs/${name}.md`,
    packageName: `@cdc-lab/${name}`,
  };
}

function validateExercises(list: unknown, where: string, file: string): Exercise[] {
  if (!Array.isArray(list)) throw invalid(file, `${where}.exercises must be a list`);
  const names = new Set<string>();
  return list.map((entry: unknown, index) => {
    const at = `${where}.exercises[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw invalid(file, `${at} is not a mapping`);
    const raw = entry as Record<string, unknown>;
    const text = (key: string): string => {
      if (typeof raw[key] !== 'string' || raw[key] === '') throw invalid(file, `${at}.${key} must be a non-empty string`);
      return raw[key] as string;
    };
    const name = text('name');
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw invalid(file, `${at}.name must be lower-case words joined by dashes`);
    if (names.has(name)) throw invalid(file, `${where} has two exercises called ${name}`);
    names.add(name);
    const strings = (key: string): string[] => {
      const value = raw[key];
      if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' || item === '')) {
        throw invalid(file, `${at}.${key} must be a list of non-empty strings`);
      }
      return value as string[];
    };
    const hints = strings('hints');
    if (hints.length !== 3) throw invalid(file, `${at}.hints must have three layers: the idea, the direction, near-code`);
    const python = raw.python === undefined ? undefined : validatePythonExercise(raw.python, `${at}.python`, file);
    return { name, title: text('title'), file: text('file'), function: text('function'), step: text('step'), stages: strings('stages'), hints, ...(python ? { python } : {}) };
  });
}

function validatePythonTrack(entry: unknown, at: string, file: string): PythonTrack {
  if (typeof entry !== 'object' || entry === null) throw invalid(file, `${at} is not a mapping`);
  const raw = entry as Record<string, unknown>;
  const unknownKeys = Object.keys(raw).filter((key) => key !== 'entry' && key !== 'leaves');
  if (unknownKeys.length > 0) throw invalid(file, `${at} has keys it does not know: ${unknownKeys.join(', ')} (entry, leaves)`);
  if (typeof raw.entry !== 'string' || !/^python\/reference\/[\w/-]+\.py$/.test(raw.entry)) throw invalid(file, `${at}.entry must be a .py file under python/reference/`);
  const leaves = raw.leaves ?? {};
  if (typeof leaves !== 'object' || leaves === null || Array.isArray(leaves) || Object.values(leaves).some((why) => typeof why !== 'string' || why === '')) {
    throw invalid(file, `${at}.leaves must map stage slugs to why the Python reference leaves them`);
  }
  return { entry: raw.entry, leaves: leaves as Record<string, string> };
}

function validatePythonExercise(entry: unknown, at: string, file: string): PythonExercise | { absent: string } {
  if (typeof entry !== 'object' || entry === null) throw invalid(file, `${at} is not a mapping`);
  const raw = entry as Record<string, unknown>;
  if ('absent' in raw) {
    if (typeof raw.absent !== 'string' || raw.absent === '' || Object.keys(raw).length !== 1) throw invalid(file, `${at}.absent says, alone, why the Python track has no such exercise`);
    return { absent: raw.absent };
  }
  const unknownKeys = Object.keys(raw).filter((key) => !['file', 'function', 'hints'].includes(key));
  if (unknownKeys.length > 0) throw invalid(file, `${at} has keys it does not know: ${unknownKeys.join(', ')} (file, function, hints; or absent)`);
  if (typeof raw.file !== 'string' || !/^python\/starter\/[\w/-]+\.py$/.test(raw.file)) throw invalid(file, `${at}.file must be a .py file under python/starter/`);
  if (typeof raw.function !== 'string' || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/.test(raw.function)) throw invalid(file, `${at}.function must be a function or Class.method`);
  const hints = raw.hints;
  if (hints !== undefined && (!Array.isArray(hints) || hints.length !== 3 || hints.some((hint) => typeof hint !== 'string' || hint === ''))) {
    throw invalid(file, `${at}.hints must have three layers: the idea, the direction, near-code`);
  }
  return { file: raw.file, function: raw.function, ...(hints ? { hints: hints as string[] } : {}) };
}

function invalid(file: string, problem: string): ConfigurationError {
  return new ConfigurationError(`the lab manifest is invalid: ${problem}`, { hint: `fix ${file}` });
}
