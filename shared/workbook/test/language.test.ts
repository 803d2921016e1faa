import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { exercisesIn, languageOf, parseLanguage, requireTrack } from '../src/language.ts';
import { loadManifest } from '../src/manifest.ts';
import { programTarget, resolveTarget } from '../src/target.ts';

function manifest(python: string, exercisePython: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  const file = path.join(dir, 'manifest.yaml');
  fs.writeFileSync(file, `labs:
  - number: 1
    slug: demo
    title: Demo
    summary: A lab.
    status: built
    services: [postgres]
    estimate: 1 hour
    entry: src/main.ts
${python}
    exercises:
      - name: pick
        title: Pick
        file: starter/pick.ts
        function: pick
        step: the pick
        stages: [first]
        hints: [a, b, c]
${exercisePython}
      - name: frame
        title: Frame
        file: starter/frame.ts
        function: frame
        step: the frame
        stages: [first]
        hints: [a, b, c]
        python: { absent: psycopg2 frames messages itself }
`);
  return file;
}

const TRACK = '    python:\n      entry: python/reference/main.py\n      leaves: { deep: needs a TypeScript-only library }';
const PICK = '        python:\n          file: python/starter/pick.py\n          function: Picker.pick';

describe('choosing a language', () => {
  it('takes --lang first, then CDC_LAB_LANG, else TypeScript', () => {
    expect(languageOf(undefined, {})).toBe('typescript');
    expect(languageOf(undefined, { CDC_LAB_LANG: 'python' })).toBe('python');
    expect(languageOf('typescript', { CDC_LAB_LANG: 'python' })).toBe('typescript');
    expect(parseLanguage('py')).toBe('python');
  });

  it('refuses a language the course does not have, naming the ones it has', () => {
    expect(() => parseLanguage('rust')).toThrow(/not a language cdc-lab has/);
    expect(() => languageOf(undefined, { CDC_LAB_LANG: 'go' })).toThrow(/CDC_LAB_LANG "go"/);
  });

  it('refuses the Python track of a lab that has none', () => {
    const lab = loadManifest().find((candidate) => !candidate.python)!;
    expect(() => requireTrack(lab, 'python')).toThrow(ConfigurationError);
    expect(() => programTarget(lab, 'reference', 'python')).toThrow(/has no Python track/);
  });
});

describe('a lab\'s Python track in the manifest', () => {
  it('reads the entry, the stages left to TypeScript, and each exercise\'s twin or why it has none', () => {
    const [lab] = loadManifest(manifest(TRACK, PICK));
    expect(lab!.python).toEqual({ entry: 'python/reference/main.py', leaves: { deep: 'needs a TypeScript-only library' } });
    const python = exercisesIn(lab!, 'python');
    expect(python.map((exercise) => [exercise.name, exercise.file, exercise.function])).toEqual([['pick', 'python/starter/pick.py', 'Picker.pick']]);
    expect(python[0]!.hints).toEqual(['a', 'b', 'c']);
    expect(exercisesIn(lab!, 'typescript').map((exercise) => exercise.name)).toEqual(['pick', 'frame']);
  });

  it('refuses a Python file outside python/starter/, an entry outside python/reference/, and unknown keys', () => {
    expect(() => loadManifest(manifest(TRACK, PICK.replace('python/starter/pick.py', 'src/pick.py')))).toThrow(/under python\/starter/);
    expect(() => loadManifest(manifest(TRACK.replace('python/reference/main.py', 'main.py'), PICK))).toThrow(/under python\/reference/);
    expect(() => loadManifest(manifest(TRACK, `${PICK}\n          hint: typo`))).toThrow(/keys it does not know: hint/);
    expect(() => loadManifest(manifest(TRACK, `${PICK}\n          hints: [only one]`))).toThrow(/three layers/);
  });

  it('refuses exercises with Python twins in a lab without a track', () => {
    expect(() => loadManifest(manifest('', PICK))).toThrow(/no python: entry/);
  });

  it('drives the Python reference with the project\'s .venv, unbuffered', () => {
    const lab = loadManifest().find((candidate) => candidate.python);
    if (!lab) throw new Error('no lab has a Python track');
    const target = resolveTarget(lab, { CDC_LAB_LANG: 'python' });
    expect(target.kind).toBe('reference');
    expect(target.command.slice(0, 2)).toEqual([path.join(repoRoot(), '.venv', 'bin', 'python'), '-u']);
    expect(target.command[2]).toMatch(/python\/reference\/main\.py$/);
    expect(programTarget(lab, 'starter', 'python').command[2]).toMatch(/python\/starter\/main\.py$/);
  });
});
