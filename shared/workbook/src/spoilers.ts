import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cdc-lab/harness';
import { commentsOf, referenceBody } from './exercise-bodies.ts';
import { exercisesIn, type Language } from './language.ts';
import type { Lab } from './manifest.ts';
import { pythonCommentsOf, pythonReferenceBody } from './python-bodies.ts';

/**
 * A chapter, a starter comment or an early hint that prints the reference's answer to an
 * exercise leaves the learner nothing to work out. The check: no two consecutive non-trivial
 * code lines of an exercise's reference body appear, one after the other, in any place the
 * learner reads before passing. Hint layer 3 is near-code by design and is left out.
 */
export interface Spoiler {
  exercise: string;
  /** Where the answer shows: a docs file, a starter file's comments, or a hint layer. */
  where: string;
  /** The reference's file and the two lines, as `file:line`. */
  reference: string;
  lines: [string, string];
}

interface Readable {
  where: string;
  text: string;
}

/** Lines too common to say anything: braces, bare keywords, short statements. */
export function isTrivial(line: string): boolean {
  const code = line.replace(/\s+/g, '');
  if (code.length < 12) return true;
  return /^[\])}{;,]*(else|try|finally|catch(\(\w*\))?|return(undefined|null|true|false)?|break|continue|default:)?[{;]*$/.test(code);
}

/** The same for Python: `else:`, `try:`, `pass`, `return None`, a bare `except …:`. */
export function isTrivialPython(line: string): boolean {
  const code = line.replace(/\s+/g, '');
  if (code.length < 12) return true;
  return /^(else:|try:|finally:|pass|returnNone|returnTrue|returnFalse|except[\w.(),]*(as\w+)?:)$/.test(code);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Everything a learner reads before passing a lab: the chapters, the starter's comments, hint layers 1 and 2. */
export function readableTexts(lab: Lab, root = repoRoot(), language: Language = 'typescript'): Readable[] {
  const readable: Readable[] = [];
  const docs = path.join(root, 'docs');
  for (const name of fs.readdirSync(docs).filter((file) => file.endsWith('.md'))) {
    readable.push({ where: `docs/${name}`, text: fs.readFileSync(path.join(docs, name), 'utf8') });
  }
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (language === 'typescript' && entry.name.endsWith('.ts')) readable.push({ where: `${path.relative(root, full)} (comments)`, text: commentsOf(fs.readFileSync(full, 'utf8')) });
      else if (language === 'python' && entry.name.endsWith('.py')) readable.push({ where: `${path.relative(root, full)} (comments)`, text: pythonCommentsOf(full, root) });
    }
  };
  const starter = path.join(root, lab.dir, language === 'python' ? 'python/starter' : 'starter');
  if (fs.existsSync(starter)) walk(starter);
  for (const exercise of exercisesIn(lab, language)) {
    exercise.hints.slice(0, 2).forEach((hint, layer) => readable.push({ where: `labs/manifest.yaml: lab ${lab.number} ${exercise.name} hint ${layer + 1}`, text: hint }));
  }
  return readable;
}

export function findSpoilers(lab: Lab, root = repoRoot(), language: Language = 'typescript'): Spoiler[] {
  const readable = readableTexts(lab, root, language).map((entry) => ({ ...entry, text: normalise(entry.text) }));
  const spoilers: Spoiler[] = [];
  for (const exercise of exercisesIn(lab, language)) {
    const body = language === 'python' ? pythonReferenceBody(lab, exercise, root) : referenceBody(lab, exercise, root);
    // Two non-trivial lines and whatever trivial ones (braces, `return;`) stand between them.
    const trivial = language === 'python' ? isTrivialPython : isTrivial;
    const significant = body.codeLines.flatMap((line, at) => (trivial(line.text) ? [] : [at]));
    for (let index = 0; index + 1 < significant.length; index++) {
      const [from, to] = [significant[index]!, significant[index + 1]!];
      const [first, second] = [body.codeLines[from]!, body.codeLines[to]!];
      const needle = normalise(body.codeLines.slice(from, to + 1).map((line) => line.text).join(' '));
      for (const entry of readable) {
        if (!entry.text.includes(needle)) continue;
        spoilers.push({ exercise: exercise.name, where: entry.where, reference: `${body.file}:${first.line}`, lines: [first.text, second.text] });
      }
    }
  }
  return spoilers;
}
