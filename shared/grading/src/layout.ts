import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import type { Grader } from './grader.ts';

/**
 * The promises a lab's folders make to a learner, checked for every lab the same way:
 *  - the starter holds the exercise files, each with its reference twin's exported names, so a
 *    learner's code plugs into the same program and the same grader;
 *  - every docs anchor that a stage, a hint or a todo() points at is a heading of the chapter.
 */
export interface LayoutOptions {
  /** Starter files that hold the learner's work (checked when given); no other file but the entry is in starter/. */
  exerciseFiles?: readonly string[];
  /**
   * Starter files that plug the exercises into the reference program themselves (lab 2's
   * steps.ts); the entry file always may.
   */
  pluggingFiles?: readonly string[];
  /** At least this many distinct docs sections are cited (a guard against a broken pattern). */
  minimumCitations?: number;
}

export function registerLayoutTests(grader: Grader, options: LayoutOptions = {}): void {
  const { lab } = grader;
  const labDir = path.join(repoRoot(), lab.dir);
  const chapterFile = path.join(repoRoot(), lab.docs);

  describe(`lab ${lab.number} layout`, () => {
    it('gives the starter only files the reference has, with the reference\'s exported names', () => {
      const reference = new Set(typescriptFiles(path.join(labDir, 'src')));
      const starter = typescriptFiles(path.join(labDir, 'starter'));
      expect(starter.filter((file) => !reference.has(file)), 'starter files without a twin in src/').toEqual([]);
      expect(starter, 'the starter\'s entry').toContain(path.relative('src', lab.entry));
      for (const file of starter) {
        if (reexportsReference(labDir, file)) continue;
        expect(exportedNames(path.join(labDir, 'starter', file)), file).toEqual(exportedNames(path.join(labDir, 'src', file)));
      }
    });

    it('holds only exercises (files with a todo()) and the entry: every other file is the reference\'s', () => {
      // The starter runs the reference program with its exercise files in place of the
      // reference's (shared/workbook/src/starter-hooks.ts); a file absent from starter/ is the
      // reference's own, so a copy or a re-export would only be noise. The entry file may plug
      // the exercises in itself (labs 7 to 9 do).
      const entry = path.relative('src', lab.entry);
      const plugging = new Set([entry, ...(options.pluggingFiles ?? [])]);
      const exercises: string[] = [];
      for (const file of typescriptFiles(path.join(labDir, 'starter'))) {
        const starter = fs.readFileSync(path.join(labDir, 'starter', file), 'utf8');
        if (/\btodo\(/.test(starter)) exercises.push(file);
        else expect(plugging.has(file), `starter/${file} holds no exercise: delete it, and the reference's src/${file} is used`).toBe(true);
      }
      if (options.exerciseFiles) expect(exercises).toEqual([...options.exerciseFiles].sort());
      expect(exercises.length).toBeGreaterThan(0);
    });

    it('points every stage, todo() and hint at a section the chapter has', () => {
      const known = headingAnchors(fs.readFileSync(chapterFile, 'utf8'));
      const cited = new Set(grader.stages.map((stage) => stage.docs));
      const pattern = new RegExp(`${escape(lab.docs)}#([a-z0-9_-]+)`, 'g');
      const sources = ['src', 'starter', 'test'].flatMap((dir) => typescriptFiles(path.join(labDir, dir)).map((file) => path.join(labDir, dir, file)));
      for (const file of sources) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(pattern)) cited.add(match[0]);
      }
      const hints = lab.exercises.flatMap((exercise) => exercise.hints);
      for (const hint of hints) for (const match of hint.matchAll(pattern)) cited.add(match[0]);
      expect(cited.size).toBeGreaterThanOrEqual(options.minimumCitations ?? 3);
      for (const docs of cited) expect(known, docs).toContain(docs.split('#')[1]);
    });
  });
}

export function typescriptFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).sort();
}

/** Exported names of a module, read from its text (enough for the plain exports labs use). */
export function exportedNames(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const names = [...text.matchAll(/^export (?:declare )?(?:abstract )?(?:async )?(?:function\*?|class|const|let|interface|type|enum) (\w+)/gm)].map((match) => match[1]!);
  for (const list of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    names.push(...list[1]!.split(',').map((part) => part.replace(/\btype\b/, '').trim().split(/\s+as\s+/).pop()!).filter(Boolean));
  }
  return names.sort();
}

/** A starter file that is only `export * from '<its reference twin>'` has its exports by construction. */
export function reexportsReference(labDir: string, file: string): boolean {
  const starterFile = path.join(labDir, 'starter', file);
  const target = /^export \* from '((?:\.\.\/)+src\/[^']+)';$/m.exec(fs.readFileSync(starterFile, 'utf8'))?.[1];
  return target !== undefined && path.resolve(path.dirname(starterFile), target) === path.join(labDir, 'src', file);
}

/** Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replaceAll(' ', '-')));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
