import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { loadManifest, type Lab } from '../src/manifest.ts';
import { commentsOf, linesToWrite, referenceBody } from '../src/exercise-bodies.ts';
import { findSpoilers, isTrivial } from '../src/spoilers.ts';

/**
 * A learner must have something to work out: no chapter, starter comment or hint layer 1–2
 * prints two consecutive lines of an exercise's answer, and the labs ask for more code as
 * they get harder.
 */
const built = loadManifest().filter((lab) => lab.status === 'built');

describe.each(built.map((lab) => [lab.number, lab] as const))('lab %i', (_number, lab) => {
  it('no chapter, starter comment or early hint prints an exercise\'s answer', () => {
    const found = findSpoilers(lab).map((spoiler) => `${spoiler.where} prints ${spoiler.reference} (exercise ${spoiler.exercise}):\n      ${spoiler.lines[0]}\n      ${spoiler.lines[1]}`);
    expect(found, found.join('\n')).toEqual([]);
  });
});

describe('the ramp', () => {
  const lines = new Map(built.map((lab) => [lab.number, linesToWrite(lab)]));
  it.each([[3, 60], [4, 120], [5, 60]])('lab %i asks a learner to write at least %i lines', (number, least) => {
    expect(lines.get(number)).toBeGreaterThanOrEqual(least);
  });
  it('no lab after the first asks for fewer lines than lab 1', () => {
    const first = lines.get(1)!;
    for (const [number, count] of lines) expect(count, `lab ${number}`).toBeGreaterThanOrEqual(first);
  });
});

describe('the checks themselves', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spoilers-'));
  const lab: Lab = {
    number: 1, slug: 'demo', title: 'Demo', summary: '', status: 'built', services: ['postgres'], entry: 'src/main.ts', estimate: '1 hour',
    dir: 'labs/01-demo', docs: 'docs/01-demo.md', packageName: '@cdc-lab/01-demo',
    exercises: [
      { name: 'pick', title: 'Pick', file: 'starter/pick.ts', function: 'Picker.pick', step: 'picking', stages: ['one'], hints: ['think', 'look closer', 'const chosen = rows.filter((row) => row.wanted);'] },
      { name: 'count', title: 'Count', file: 'starter/pick.ts', function: 'countWanted', step: 'counting', stages: ['one'], hints: ['a', 'b', 'c'] },
    ],
  };
  fs.mkdirSync(path.join(root, 'labs/01-demo/src'), { recursive: true });
  fs.mkdirSync(path.join(root, 'labs/01-demo/starter'), { recursive: true });
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, 'labs/01-demo/src/pick.ts'), [
    'export class Picker {',
    '  pick(rows: { wanted: boolean }[]) {',
    '    // only the wanted ones',
    '    const chosen = rows.filter((row) => row.wanted);',
    '',
    '    if (chosen.length === 0) {',
    '      return [];',
    '    }',
    '    return chosen.map((row) => ({ ...row, picked: true })); /* marked */',
    '  }',
    '}',
    'export const countWanted = (rows: { wanted: boolean }[]): number => {',
    '  return rows.filter((row) => row.wanted).length;',
    '};',
  ].join('\n'));
  fs.writeFileSync(path.join(root, 'labs/01-demo/starter/pick.ts'), '// Hint: const chosen = rows.filter((row) => row.wanted);\n//   if (chosen.length === 0) {\nexport {};\n');
  fs.writeFileSync(path.join(root, 'docs/01-demo.md'), 'Nothing here.\n');

  it('reads a method body without its comments, blank lines or braces', () => {
    const body = referenceBody(lab, lab.exercises[0]!, root);
    expect(body.codeLines.map((line) => line.text)).toEqual([
      'const chosen = rows.filter((row) => row.wanted);',
      'if (chosen.length === 0) {',
      'return [];',
      '}',
      'return chosen.map((row) => ({ ...row, picked: true }));',
    ]);
    expect(body.codeLines[0]!.line).toBe(4);
  });

  it('reads an arrow function assigned to a const, and counts each function once', () => {
    expect(referenceBody(lab, lab.exercises[1]!, root).codeLines.map((line) => line.text)).toEqual(['return rows.filter((row) => row.wanted).length;']);
    expect(linesToWrite(lab, root)).toBe(6);
  });

  it('finds two consecutive answer lines in a starter comment, and none in hint layer 3', () => {
    const spoilers = findSpoilers(lab, root);
    expect(spoilers.map((spoiler) => spoiler.where)).toEqual(['labs/01-demo/starter/pick.ts (comments)']);
    expect(spoilers[0]!.reference).toBe('labs/01-demo/src/pick.ts:4');
  });

  it('finds them in a chapter whatever the indentation', () => {
    fs.writeFileSync(path.join(root, 'docs/02-other.md'), '```ts\n    if (chosen.length === 0) {\n  return [];\n}\n        return chosen.map((row) => ({ ...row, picked: true }));\n```\n');
    fs.writeFileSync(path.join(root, 'labs/01-demo/starter/pick.ts'), 'export {};\n');
    expect(findSpoilers(lab, root).map((spoiler) => spoiler.where)).toEqual(['docs/02-other.md']);
  });

  it('takes braces and bare keywords as trivial, statements as not', () => {
    for (const line of ['}', '} else {', '});', 'return;', 'try {', '} catch (error) {', 'break;']) expect(isTrivial(line), line).toBe(true);
    expect(isTrivial('await client.query(sql);')).toBe(false);
  });

  it('reads comments with their markers removed', () => {
    expect(commentsOf('/** a\n * b */\nconst x = 1; // c\n').replace(/\s+/g, ' ').trim()).toBe('a b c');
  });
});

describe('the README\'s course map', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  it.each(built.map((lab) => [lab.number, lab] as const))('says what lab %i asks and how long it takes, as the manifest does', (_number, lab) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| ${lab.number} | [`));
    expect(row, `README.md has a row for lab ${lab.number}`).toBeDefined();
    expect(row).toContain(`| ${lab.exercises.length} exercises, ~${linesToWrite(lab)} lines |`);
    expect(row).toContain(`| ${lab.estimate} |`);
    // The last column: whether the lab has a Python track.
    expect(row?.trimEnd().endsWith(lab.python ? '| ✔ |' : '| — |'), `lab ${lab.number}'s Python column`).toBe(true);
  });
});
