import { describe, expect, it } from 'vitest';
import { loadManifest } from '@cdc-lab/workbook';
import { parseLabArgs } from '../src/commands/lab.ts';
import { trackToCheck } from '../src/commands/progress.ts';
import { parsePythonVersion } from '../src/commands/python-setup.ts';
import { labCommandLine } from '@cdc-lab/grading/demo';
import { explainFailure, forgottenTrack, parseTestLabArgs, stagesOfTrack } from '../src/commands/test-lab.ts';

const labs = loadManifest();
const withTrack = labs.find((lab) => lab.python)!;
const without = labs.find((lab) => !lab.python)!;

describe('--lang python on the command line', () => {
  it('picks the track for pnpm lab, before or after the lab number, and leaves the rest to the program', () => {
    expect(parseLabArgs([String(withTrack.number), '--lang', 'python', '--starter'])).toMatchObject({ kind: 'starter', language: 'python', args: [] });
    expect(parseLabArgs(['--lang=python', String(withTrack.number), 'status'])).toMatchObject({ kind: 'reference', language: 'python', args: ['status'] });
    expect(parseLabArgs([String(withTrack.number)])).toMatchObject({ language: 'typescript' });
  });

  it('refuses the track where a lab has none, and a missing language', () => {
    expect(() => parseLabArgs([String(without.number), '--lang', 'python'])).toThrow(/no Python track/);
    expect(() => parseLabArgs([String(withTrack.number), '--lang'])).toThrow(/--lang needs a language/);
    expect(() => parseTestLabArgs([String(without.number), '--lang', 'python'])).toThrow(/no Python track/);
  });

  it('grades the Python starter with pnpm test:lab, and keeps --command apart', () => {
    expect(parseTestLabArgs([String(withTrack.number), '--lang', 'python', '--starter'])).toMatchObject({ target: 'starter', language: 'python' });
    expect(() => parseTestLabArgs([String(withTrack.number), '--lang', 'python', '--command', 'python3 x.py'])).toThrow(/exclude each other/);
  });
});

describe('the stages a track is graded on', () => {
  it('leaves out, in Python, the stages the manifest leaves to TypeScript', () => {
    const stages = ['base', 'deep', 'deeper'].map((slug) => ({ slug, title: slug, docs: 'docs/x.md', extension: slug !== 'base', run: async () => {} }));
    const grader = { lab: { ...withTrack, python: { entry: 'python/reference/main.py', leaves: { deep: 'why' } } }, stages };
    expect(stagesOfTrack(grader, 'python').stages.map((stage) => stage.slug)).toEqual(['base', 'deeper']);
    expect(stagesOfTrack(grader, 'typescript').stages.map((stage) => stage.slug)).toEqual(['base', 'deep', 'deeper']);
  });

  it('regrades a lab in the track it was last graded in, unless told otherwise', () => {
    const record = { target: 'starter' as const, describe: 'x', language: 'python' as const, stages: {}, total: 1 };
    expect(trackToCheck(withTrack, record, undefined)).toBe('python');
    expect(trackToCheck(withTrack, undefined, undefined)).toBe('typescript');
    expect(trackToCheck(withTrack, record, 'typescript')).toBe('typescript');
    expect(trackToCheck(without, undefined, 'python')).toBe('typescript');
  });
});

it('points a Python learner stopped at a todo() at the Python exercise and its Python hints', () => {
  const exercise = withTrack.exercises.find((candidate) => candidate.python && !('absent' in candidate.python))!;
  const python = exercise.python as { file: string; function: string };
  const stage = { slug: exercise.stages[0]!, title: 't', docs: withTrack.docs, run: async () => {} };
  const failure = { stage, passed: false, ms: 1, message: 'failed', report: { expected: 'x', got: 'y', transcript: `[your_program:stderr] error: TODO: ${exercise.step} is not implemented yet\n[your_program:stderr] hint: read ${withTrack.docs}#x, then write it in this function` } };
  const target = { kind: 'starter' as const, language: 'python' as const, command: ['python'], describe: 'the Python starter' };
  const text = explainFailure(withTrack, { lab: withTrack, stages: [stage] }, failure, 1, [failure], { all: false, target: 'starter', language: 'python' }, target);
  expect(text).toContain(`${python.function} in ${withTrack.dir}/${python.file}`);
  expect(text).toContain(`pnpm hint ${withTrack.number} ${exercise.name} --lang python`);
});

it('warns a Python learner who leaves out --lang that the TypeScript starter is graded', () => {
  const python = { target: 'starter' as const, describe: 'x', language: 'python' as const, stages: {}, total: 1 };
  const typescript = { target: 'starter' as const, describe: 'x', stages: {}, total: 1 };
  expect(forgottenTrack({ lab: withTrack, target: 'starter', language: 'typescript' }, python)).toContain(`pnpm test:lab ${withTrack.number} --starter --lang python`);
  expect(forgottenTrack({ lab: withTrack, target: 'starter', language: 'typescript', languageGiven: true }, python)).toBeUndefined();
  expect(forgottenTrack({ lab: withTrack, target: 'starter', language: 'typescript' }, typescript)).toBeUndefined();
  expect(forgottenTrack({ lab: withTrack, target: 'reference', language: 'typescript' }, python)).toBeUndefined();
});

it('shows a demo\'s steps with --lang python when it drives the Python starter', () => {
  expect(labCommandLine(1, true, ['--interval', '2000'], true)).toBe('pnpm lab 1 --starter --lang python --interval 2000');
  expect(labCommandLine(3, false, ['status'])).toBe('pnpm lab 3 status');
});

it('reads the version python --version prints', () => {
  expect(parsePythonVersion('Python 3.11.7\n')).toEqual([3, 11]);
  expect(parsePythonVersion('command not found')).toBeUndefined();
});
