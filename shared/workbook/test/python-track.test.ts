import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { exercisesIn, requirePython } from '../src/language.ts';
import { loadManifest } from '../src/manifest.ts';
import { pythonLinesToWrite, pythonReferenceBody, pythonTodoSteps } from '../src/python-bodies.ts';
import { findSpoilers, isTrivialPython } from '../src/spoilers.ts';

/**
 * The Python track holds to the same rules as the TypeScript one: every exercise is either in
 * the starter, stopping at todo() with its step, or said to be done by a library; the
 * reference answers each; nothing a learner reads prints an answer; the pure parts have tests.
 * (The graders judge the programs themselves: labs/NN/test/python.stack.test.ts.)
 */
const root = repoRoot();
const tracks = loadManifest().filter((lab) => lab.python);

it('labs 1, 3 and 4 have a Python track', () => {
  expect(tracks.map((lab) => lab.number)).toEqual(expect.arrayContaining([1, 3, 4]));
});

describe.each(tracks.map((lab) => [lab.number, lab] as const))('lab %i in Python', (_number, lab) => {
  const starterDir = path.join(root, lab.dir, 'python', 'starter');
  const referenceDir = path.join(root, lab.dir, 'python', 'reference');

  it('says, for every exercise, where its Python twin is or why there is none', () => {
    expect(lab.exercises.filter((exercise) => !exercise.python).map((exercise) => exercise.name)).toEqual([]);
  });

  it.each(exercisesIn(lab, 'python').map((exercise) => [exercise.name, exercise] as const))('%s: the starter stops at its step, the reference answers it', (_name, exercise) => {
    expect(fs.existsSync(path.join(root, lab.dir, exercise.file)), exercise.file).toBe(true);
    expect(pythonTodoSteps(lab, exercise)).toContain(exercise.step);
    const answer = pythonReferenceBody(lab, exercise);
    expect(answer.codeLines.length, `${answer.file} ${exercise.function}`).toBeGreaterThan(0);
    expect(answer.codeLines.some((line) => /\btodo\(/.test(line.text)), `${answer.file} ${exercise.function} still calls todo()`).toBe(false);
  });

  it('holds only exercise modules and main.py in the starter, each with a reference twin', () => {
    const starter = fs.readdirSync(starterDir).filter((name) => name.endsWith('.py'));
    expect(starter).toContain('main.py');
    const exerciseFiles = new Set(exercisesIn(lab, 'python').map((exercise) => path.basename(exercise.file)));
    expect(starter.filter((name) => name !== 'main.py' && !exerciseFiles.has(name))).toEqual([]);
    for (const name of starter) expect(fs.existsSync(path.join(referenceDir, name)), `python/reference/${name}`).toBe(true);
  });

  it('no chapter, starter comment or early hint prints a Python answer', () => {
    const found = findSpoilers(lab, root, 'python').map((spoiler) => `${spoiler.where} prints ${spoiler.reference} (exercise ${spoiler.exercise}):\n      ${spoiler.lines[0]}\n      ${spoiler.lines[1]}`);
    expect(found, found.join('\n')).toEqual([]);
  });

  it('asks for some real code', () => {
    expect(pythonLinesToWrite(lab)).toBeGreaterThanOrEqual(20);
  });

  it('passes its unit tests (python -m unittest)', () => {
    const python = path.join(lab.dir, 'python');
    const result = spawnSync(requirePython(), ['-m', 'unittest', 'discover', '-s', path.join(python, 'tests'), '-t', python], { cwd: root, encoding: 'utf8' });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toMatch(/Ran [1-9]\d* tests?/);
  });
});

it('the labs\' shared Python module passes its tests (errors, todo(), StopRequest)', () => {
  const result = spawnSync(requirePython(), ['-m', 'unittest', 'discover', '-s', 'shared/python/tests', '-t', 'shared/python'], { cwd: root, encoding: 'utf8' });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.stderr).toMatch(/Ran [1-9]\d* tests?/);
});

describe('reading Python the way the checks do', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-bodies-'));
  fs.mkdirSync(path.join(dir, 'labs', '01-demo', 'python', 'reference'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'shared'), { recursive: true });
  fs.cpSync(path.join(root, 'shared', 'python'), path.join(dir, 'shared', 'python'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'labs', '01-demo', 'python', 'reference', 'pick.py'), [
    'class Picker:',
    '    def pick(self, rows):',
    '        """Docstrings are not code."""',
    '        # nor are comments',
    '        chosen = [row for row in rows if row.ok]  # "#" in a comment',
    '        return sorted(chosen, key=lambda row: row.id)',
    '',
  ].join('\n'));
  const lab = { ...tracks[0]!, dir: 'labs/01-demo' };
  const exercise = { ...lab.exercises[0]!, file: 'python/starter/pick.py', function: 'Picker.pick' };

  it('takes a method\'s body without its docstring and comments', () => {
    const body = pythonReferenceBody(lab, exercise, dir);
    expect(body.codeLines).toEqual([
      { line: 5, text: 'chosen = [row for row in rows if row.ok]' },
      { line: 6, text: 'return sorted(chosen, key=lambda row: row.id)' },
    ]);
  });

  it('counts Python\'s bare keywords as trivial', () => {
    expect(isTrivialPython('else:')).toBe(true);
    expect(isTrivialPython('except psycopg.OperationalError as error:')).toBe(true);
    expect(isTrivialPython('return sorted(chosen, key=lambda row: row.id)')).toBe(false);
  });
});
