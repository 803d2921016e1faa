import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { repoRoot } from '@cdc-lab/harness';
import { findLab, loadManifest } from '../src/manifest.ts';
import { splitCommand } from '../src/target.ts';

function manifestFile(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  const file = path.join(dir, 'manifest.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

describe('the lab manifest', () => {
  const labs = loadManifest();

  it('lists the nine labs in order, each with its folder, package and chapter', () => {
    expect(labs.map((lab) => lab.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const lab of labs) {
      const dir = path.join(repoRoot(), lab.dir);
      expect(fs.existsSync(dir), `${lab.dir} exists`).toBe(true);
      const packageJson = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string };
      expect(packageJson.name).toBe(lab.packageName);
      expect(fs.existsSync(path.join(repoRoot(), lab.docs)), `${lab.docs} exists`).toBe(true);
    }
  });

  it('has, for every built lab, a reference, a starter, a grader, and exercises the chapter names without giving their hints away', () => {
    for (const lab of labs.filter((candidate) => candidate.status === 'built')) {
      const dir = path.join(repoRoot(), lab.dir);
      expect(fs.existsSync(path.join(dir, lab.entry)), `${lab.dir}/${lab.entry}`).toBe(true);
      expect(fs.existsSync(path.join(dir, lab.entry.replace(/^src\//, 'starter/'))), `${lab.dir} starter`).toBe(true);
      expect(fs.existsSync(path.join(dir, 'test', 'grade.test.ts')), `${lab.dir}/test/grade.test.ts`).toBe(true);
      const chapter = fs.readFileSync(path.join(repoRoot(), lab.docs), 'utf8');
      const flat = chapter.replace(/\s+/g, ' ');
      for (const exercise of lab.exercises) {
        expect(chapter, `${lab.docs} names exercise ${exercise.name}`).toContain(`\`${exercise.name}\``);
        // pnpm hint reveals the layers one at a time; a chapter that prints them spoils the exercise.
        for (const hint of exercise.hints.slice(1)) expect(flat, `${lab.docs} prints a hint layer of ${exercise.name}`).not.toContain(hint.replace(/\s+/g, ' ').trim());
      }
    }
  });

  it('finds a lab by number, padded number or slug, and names the choices otherwise', () => {
    expect(findLab(labs, '3').slug).toBe('logical-streamer');
    expect(findLab(labs, '03').slug).toBe('logical-streamer');
    expect(findLab(labs, 'outbox').number).toBe(7);
    expect(() => findLab(labs, '12')).toThrow(ConfigurationError);
    try {
      findLab(labs, '12');
    } catch (error) {
      expect((error as ConfigurationError).hint).toMatch(/1 \(poller\).*9 \(debezium\)/);
    }
  });

  it('rejects a malformed manifest with the place of the mistake', () => {
    const base = 'labs:\n  - number: 1\n    slug: poller\n    title: T\n    summary: S\n    entry: src/main.ts\n';
    expect(() => loadManifest(manifestFile(`${base}    status: done\n    services: [postgres]\n`))).toThrow(/labs\[0\]\.status/);
    expect(() => loadManifest(manifestFile(`${base}    status: planned\n    services: [mysql]\n`))).toThrow(/labs\[0\]\.services/);
    expect(() => loadManifest(manifestFile(`${base}    status: built\n    services: [postgres]\n    estimate: 1 hour\n`))).toThrow(/lists its exercises/);
    const exercise = (hints: string) => `    exercises:\n      - { name: q, title: Q, file: starter/q.ts, function: q, step: the q, stages: [s], hints: ${hints} }\n`;
    expect(() => loadManifest(manifestFile(`${base}    status: built\n    services: [postgres]\n    estimate: 1 hour\n${exercise('[one]')}`))).toThrow(/three layers/);
    expect(loadManifest(manifestFile(`${base}    status: built\n    services: [postgres]\n    estimate: 1 hour\n${exercise('[a, b, c]')}`))[0]!.exercises[0]!.name).toBe('q');
    expect(() => loadManifest(manifestFile('labs: 3\n'))).toThrow(/top-level `labs:` list/);
  });

  it('gives every built lab a "what to watch" panel for pnpm observe, and refuses an empty one', () => {
    for (const lab of labs.filter((candidate) => candidate.status === 'built')) expect(lab.watch, `lab ${lab.number} watch:`).toMatch(/\w/);
    const base = 'labs:\n  - number: 1\n    slug: poller\n    title: T\n    summary: S\n    entry: src/main.ts\n    status: planned\n    services: [postgres]\n    estimate: 1 hour\n';
    expect(() => loadManifest(manifestFile(`${base}    watch: ''\n`))).toThrow(/labs\[0\]\.watch/);
    expect(loadManifest(manifestFile(`${base}    watch: the insert position\n`))[0]!.watch).toBe('the insert position');
  });
});

describe('splitCommand', () => {
  it('keeps quoted arguments together', () => {
    expect(splitCommand(`python3 "my lab.py" --fast 'a b'`)).toEqual(['python3', 'my lab.py', '--fast', 'a b']);
  });
});
