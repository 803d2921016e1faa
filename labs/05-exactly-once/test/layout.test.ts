import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grader } from './grader.ts';

const labDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const chapter = fs.readFileSync(path.join(labDir, '..', '..', 'docs', '05-exactly-once.md'), 'utf8');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).sort();
}

/** Exported names of a module, read from its text (enough for our own plain exports). */
function exportedNames(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const names = [...text.matchAll(/^export (?:async )?(?:function|class|const|interface|type|enum) (\w+)/gm)].map((match) => match[1]!);
  for (const list of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    names.push(...list[1]!.split(',').map((part) => part.replace(/\btype\b/, '').trim().split(/\s+as\s+/).pop()!).filter(Boolean));
  }
  return names.sort();
}

function reexportsReference(file: string): boolean {
  const text = fs.readFileSync(path.join(labDir, 'starter', file), 'utf8');
  const target = /^export \* from '((?:\.\.\/)+src\/[^']+)';$/m.exec(text)?.[1];
  return target !== undefined && path.resolve(path.dirname(path.join(labDir, 'starter', file)), target) === path.join(labDir, 'src', file);
}

/** GitHub's anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replaceAll(' ', '-')));
}

describe('lab 5 layout', () => {
  it('gives the starter the same files and exported names as the reference', () => {
    const reference = files(path.join(labDir, 'src'));
    expect(files(path.join(labDir, 'starter'))).toEqual(reference);
    for (const file of reference) {
      // A starter file that re-exports its own reference twin has its exports by construction.
      if (reexportsReference(file)) continue;
      expect(exportedNames(path.join(labDir, 'starter', file)), file).toEqual(exportedNames(path.join(labDir, 'src', file)));
    }
  });

  it('points every stage, todo() and hint of the grader at a section the chapter has', () => {
    const known = anchors(chapter);
    const sources = [...files(path.join(labDir, 'starter')).map((file) => path.join(labDir, 'starter', file)),
      ...files(path.join(labDir, 'test')).map((file) => path.join(labDir, 'test', file))];
    const cited = new Set(grader.stages.map((stage) => stage.docs));
    for (const file of sources) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/docs\/05-exactly-once\.md#([a-z0-9-]+)/g)) cited.add(match[0]);
    }
    expect(cited.size).toBeGreaterThan(5);
    for (const docs of cited) expect(known, docs).toContain(docs.split('#')[1]);
  });
});
