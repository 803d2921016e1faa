import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Module resolution hooks for running a lab's starter: whenever the reference program imports
 * one of its own modules (labs/NN/src/x.ts) and the starter holds the learner's version of it
 * (labs/NN/starter/x.ts, an exercise file rather than a one-line re-export), the learner's
 * version is loaded instead. So the starter needs only the files a learner writes; every other
 * file of the program is the reference's, and the two cannot drift apart.
 */

interface HookData {
  labDir: string;
}

let labDir: string | undefined;

export function initialize(data: HookData): void {
  labDir = path.resolve(data.labDir);
}

type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;
interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const resolved = await nextResolve(specifier, context);
  if (!labDir || !resolved.url.startsWith('file:')) return resolved;
  const exercise = learnersVersion(labDir, fileURLToPath(resolved.url));
  // An exercise file may import its own reference twin (for types or helpers it keeps).
  if (exercise === undefined || context.parentURL === pathToFileURL(exercise).href) return resolved;
  return { ...resolved, url: pathToFileURL(exercise).href };
}

/** The starter's twin of a reference module, when it holds the learner's work. */
export function learnersVersion(labDir: string, file: string): string | undefined {
  const reference = path.join(labDir, 'src');
  if (!file.startsWith(reference + path.sep)) return undefined;
  const twin = path.join(labDir, 'starter', path.relative(reference, file));
  if (!fs.existsSync(twin)) return undefined;
  return isReexportOf(twin, file) ? undefined : twin;
}

/** `export * from '../src/x.ts'` (and nothing else of substance): the file stands for its twin. */
export function isReexportOf(starterFile: string, referenceFile: string): boolean {
  const target = /^export \* from '((?:\.\.\/)+src\/[^']+)';$/m.exec(fs.readFileSync(starterFile, 'utf8'))?.[1];
  return target !== undefined && path.resolve(path.dirname(starterFile), target) === referenceFile;
}
