import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '@cdc-lab/harness';
import type { Exercise, Lab } from './manifest.ts';

/**
 * The reference's answer to an exercise: the body of the function the manifest names, read
 * from the lab's src/ twin of the starter file. Two checks are built on it: the ramp (how many
 * lines a learner writes per lab) and the spoiler check (no chapter, starter comment or early
 * hint prints those lines).
 */
export interface ReferenceBody {
  exercise: Exercise;
  /** Relative to the repository root, e.g. labs/03-logical-streamer/src/replication/messages.ts. */
  file: string;
  /** 1-based line of the body's first line in that file. */
  firstLine: number;
  /** The body's code lines: comments and blank lines dropped, each trimmed, with its file line. */
  codeLines: { line: number; text: string }[];
}

/** The src/ file that answers an exercise whose starter file is `starter/x.ts`. */
export function referenceFileOf(lab: Lab, exercise: Exercise): string {
  return path.join(lab.dir, exercise.file.replace(/^starter\//, 'src/'));
}

export function referenceBody(lab: Lab, exercise: Exercise, root = repoRoot()): ReferenceBody {
  const file = referenceFileOf(lab, exercise);
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const body = findFunctionBody(source, exercise.function);
  if (!body) throw new Error(`${file} declares no function ${exercise.function} (exercise ${exercise.name})`);
  const bodyStart = body.getStart(source) + 1; // past the opening brace
  const bodyEnd = body.getEnd() - 1; // before the closing brace
  const comments = commentRanges(source);
  const codeLines: { line: number; text: string }[] = [];
  let lineStart = bodyStart;
  while (lineStart < bodyEnd) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = Math.min(newline === -1 ? bodyEnd : newline, bodyEnd);
    let code = '';
    for (let at = lineStart; at < lineEnd; at++) if (!comments.some(([from, to]) => at >= from && at < to)) code += text[at];
    if (code.trim() !== '') codeLines.push({ line: source.getLineAndCharacterOfPosition(lineStart).line + 1, text: code.trim() });
    lineStart = lineEnd + 1;
  }
  const firstLine = source.getLineAndCharacterOfPosition(bodyStart).line + 1;
  return { exercise, file, firstLine, codeLines };
}

/** `name` or `Class.method`; an arrow function assigned to a const counts as a function. */
function findFunctionBody(source: ts.SourceFile, qualified: string): ts.Node | undefined {
  const [owner, member] = qualified.includes('.') ? qualified.split('.') as [string, string] : [undefined, qualified];
  let found: ts.Node | undefined;
  const visit = (node: ts.Node, inside: string | undefined): void => {
    if (found) return;
    if (ts.isClassDeclaration(node) && node.name) {
      node.members.forEach((child) => visit(child, node.name!.text));
      return;
    }
    const name = (node as { name?: ts.Node }).name;
    const named = name !== undefined && ts.isIdentifier(name) ? name.text : undefined;
    if (named === member && inside === owner) {
      if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.body) found = node.body;
      else if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) found = node.initializer.body;
      if (found) return;
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  source.statements.forEach((statement) => visit(statement, undefined));
  return found;
}

/** Every comment of a file, as [start, end) offsets. */
function commentRanges(source: ts.SourceFile): [number, number][] {
  const text = source.getFullText();
  const ranges = new Map<number, number>();
  const collect = (node: ts.Node): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []), ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? [])]) ranges.set(range.pos, range.end);
    ts.forEachChild(node, collect);
  };
  collect(source);
  for (const range of ts.getLeadingCommentRanges(text, source.endOfFileToken.getFullStart()) ?? []) ranges.set(range.pos, range.end);
  return [...ranges].sort(([a], [b]) => a - b);
}

/** The comments of a TypeScript file, as text with the comment markers removed. */
export function commentsOf(text: string): string {
  const source = ts.createSourceFile('comments.ts', text, ts.ScriptTarget.Latest, true);
  return commentRanges(source)
    .map(([from, to]) => text.slice(from, to).replace(/^\/\*\*?|\*\/$/g, '').replace(/^\s*(\/\/+|\*)/gm, ''))
    .join('\n');
}

/**
 * Lines a learner writes for a lab: the code lines of the reference's exercise bodies. One
 * function answering two exercises (two todo()s in one function) is counted once.
 */
export function linesToWrite(lab: Lab, root = repoRoot()): number {
  return countLines(lab.exercises.map((exercise) => referenceBody(lab, exercise, root)));
}

/** The code lines of answers, each function once (two exercises may share one). */
export function countLines(bodies: readonly ReferenceBody[]): number {
  const counted = new Set<string>();
  let total = 0;
  for (const body of bodies) {
    const key = `${body.file}:${body.firstLine}`;
    if (counted.has(key)) continue;
    counted.add(key);
    total += body.codeLines.length;
  }
  return total;
}
