import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { loadManifest } from '../src/manifest.ts';

/**
 * The manifest's exercises are what `pnpm hint` and the grader's failures point a learner at,
 * so they must match the starter: every todo() belongs to one exercise, every exercise names a
 * function its file declares, and every stage it names exists.
 */
const withExercises = loadManifest().filter((lab) => lab.status === 'built' && lab.exercises.length > 0);

function starterTodos(starterDir: string): { file: string; step: string }[] {
  const found: { file: string; step: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|py)$/.test(entry.name)) {
        // The step is a single-quoted string literal, which may hold escaped quotes ('the server\'s').
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/todo\(\s*'((?:[^'\\]|\\.)+)'/g)) found.push({ file: full, step: match[1]!.replace(/\\(.)/g, '$1') });
      }
    }
  };
  walk(starterDir);
  return found;
}

describe.each(withExercises.map((lab) => [lab.number, lab] as const))('lab %i exercises', (_number, lab) => {
  const labDir = path.join(repoRoot(), lab.dir);

  it('each names a file of the starter and a function that file declares', () => {
    for (const exercise of lab.exercises) {
      const file = path.join(labDir, exercise.file);
      expect(fs.existsSync(file), `${lab.dir}/${exercise.file} (exercise ${exercise.name})`).toBe(true);
      const name = exercise.function.split('.').at(-1)!;
      const declared = new RegExp(`(function\\s+${name}\\b|^\\s*(?:(?:public|private|protected|static|override|async)\\s+)*${name}\\s*[(<]|\\b${name}\\s*=)`, 'm');
      expect(declared.test(fs.readFileSync(file, 'utf8')), `${exercise.file} declares ${exercise.function} (exercise ${exercise.name})`).toBe(true);
    }
  });

  it('covers every todo() of the starter, in the file it names', () => {
    const todos = starterTodos(path.join(labDir, 'starter'));
    expect(todos.length).toBeGreaterThan(0);
    for (const todo of todos) {
      const owners = lab.exercises.filter((exercise) => exercise.step === todo.step);
      expect(owners.map((owner) => owner.name), `todo('${todo.step}') in ${path.relative(labDir, todo.file)} belongs to one exercise`).toHaveLength(1);
      expect(path.join(labDir, owners[0]!.file)).toBe(todo.file);
    }
    const steps = new Set(todos.map((todo) => todo.step));
    for (const exercise of lab.exercises) expect(steps.has(exercise.step), `exercise ${exercise.name}'s step "${exercise.step}" is a todo() of the starter`).toBe(true);
  });

  it('names only stages the grader has', async () => {
    const { grader } = (await import(pathToFileURL(path.join(labDir, 'test', 'grader.ts')).href)) as { grader: { stages: { slug: string }[] } };
    const slugs = grader.stages.map((stage) => stage.slug);
    for (const exercise of lab.exercises) for (const stage of exercise.stages) expect(slugs, `exercise ${exercise.name} names stage ${stage}`).toContain(stage);
  });
});

it('every built lab lists its exercises', () => {
  const without = loadManifest().filter((lab) => lab.status === 'built' && lab.exercises.length === 0).map((lab) => lab.number);
  expect(without).toEqual([]);
});
