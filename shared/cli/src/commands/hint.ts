import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { colour, ConfigurationError } from '@cdc-lab/common';
import { defaultStateDir } from '@cdc-lab/harness';
import { findLab, loadManifest, type Lab } from '@cdc-lab/workbook';

const LAYER_NAMES = ['the idea', 'the direction', 'near-code'];

export const HINT_USAGE = `usage: pnpm hint <lab> [--all | --reset]

Reveals the next layer of a lab's hints, one at a time: the idea, then the direction, then
something close to code. Layers already revealed are shown again above the new one.`;

/** Which hint layers a learner has seen, per lab; kept with the rest of the local state. */
function revealedFile(): string {
  return path.join(defaultStateDir(), 'hints.json');
}

export function readRevealed(file = revealedFile()): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function writeRevealed(revealed: Record<string, number>, file = revealedFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(revealed, null, 2)}\n`);
}

export async function hintCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { all: { type: 'boolean', default: false }, reset: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(HINT_USAGE);
    return;
  }
  const lab = findLab(loadManifest(), positionals[0]);
  requireHints(lab);
  const revealed = readRevealed();
  const key = String(lab.number);
  if (values.reset) {
    delete revealed[key];
    writeRevealed(revealed);
    console.log(`Hints for lab ${lab.number} are hidden again.`);
    return;
  }
  const already = revealed[key] ?? 0;
  const showing = values.all ? lab.hints.length : Math.min(already + 1, lab.hints.length);
  revealed[key] = showing;
  writeRevealed(revealed);
  printHints(lab, showing, already);
}

function printHints(lab: Lab, showing: number, already: number): void {
  console.log(colour.bold(`Lab ${lab.number} — ${lab.title}: hint ${showing} of ${lab.hints.length}`));
  lab.hints.slice(0, showing).forEach((hint, index) => {
    const heading = `Layer ${index + 1}, ${LAYER_NAMES[index] ?? 'more'}`;
    console.log('');
    console.log(index >= already ? colour.yellow(heading) : colour.dim(heading));
    console.log(hint.trim());
  });
  console.log('');
  if (already >= lab.hints.length) console.log(colour.dim(`That was the last layer. The chapter ${lab.docs} has the full walk-through.`));
  else if (showing < lab.hints.length) console.log(colour.dim(`Run pnpm hint ${lab.number} again for the next layer.`));
}

/** A lab that is not built yet has no hints to give: say so, and where to read instead. */
export function requireHints(lab: Lab): void {
  if (lab.hints.length > 0) return;
  throw new ConfigurationError(`lab ${lab.number} (${lab.title}) has no hints yet`, { hint: `it is not built yet; see ${lab.docs}` });
}
