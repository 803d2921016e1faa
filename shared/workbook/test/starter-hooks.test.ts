import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { isReexportOf, learnersVersion } from '../src/starter-hooks.ts';
import { programTarget } from '../src/target.ts';
import { findLab, loadManifest } from '../src/manifest.ts';

/** A lab folder with a reference of three modules and a starter that writes one of them. */
function fakeLab(): string {
  const lab = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-starter-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(lab, file)), { recursive: true });
    fs.writeFileSync(path.join(lab, file), text);
  };
  // ES modules, as every lab's package.json says (the hooks see only ESM imports).
  write('package.json', '{ "type": "module" }\n');
  write('src/main.ts', "import { greeting } from './parts/greet.ts';\nconsole.log(greeting('reference'));\n");
  write('src/parts/greet.ts', "import { suffix } from './suffix.ts';\nexport function greeting(who: string): string { return `hello from the ${who}${suffix}`; }\n");
  write('src/parts/suffix.ts', "export const suffix = '!';\n");
  write('starter/main.ts', "export * from '../src/main.ts';\n");
  write('starter/parts/greet.ts', "import { suffix } from '../../src/parts/suffix.ts';\nexport function greeting(_who: string): string { return `hello from the learner${suffix}`; }\n");
  write('starter/parts/suffix.ts', "// Nothing to write here.\nexport * from '../../src/parts/suffix.ts';\n");
  return lab;
}

describe('running a starter', () => {
  it('finds the learner\'s version of a reference module, but not of one the starter re-exports', () => {
    const lab = fakeLab();
    expect(learnersVersion(lab, path.join(lab, 'src/parts/greet.ts'))).toBe(path.join(lab, 'starter/parts/greet.ts'));
    expect(learnersVersion(lab, path.join(lab, 'src/parts/suffix.ts'))).toBeUndefined();
    expect(learnersVersion(lab, path.join(lab, 'starter/parts/greet.ts'))).toBeUndefined();
    expect(isReexportOf(path.join(lab, 'starter/main.ts'), path.join(lab, 'src/main.ts'))).toBe(true);
    expect(isReexportOf(path.join(lab, 'starter/main.ts'), path.join(lab, 'src/parts/greet.ts'))).toBe(false);
  });

  it('runs the reference program with the learner\'s modules in place of its own', () => {
    const lab = fakeLab();
    const hooks = path.join(repoRoot(), 'shared/workbook/src/run-starter.ts');
    const run = (entry: string, extra: string[]) => spawnSync(process.execPath, ['--import', 'tsx', ...extra, entry], { cwd: repoRoot(), encoding: 'utf8' });
    expect(run(path.join(lab, 'starter/main.ts'), ['--import', hooks]).stdout).toBe('hello from the learner!\n');
    // Without the hooks the same entry is the reference.
    expect(run(path.join(lab, 'starter/main.ts'), []).stdout).toBe('hello from the reference!\n');
  });

  it('is how a lab\'s starter target runs', () => {
    const target = programTarget(findLab(loadManifest(), '4'), 'starter');
    expect(target.command).toContain('--import');
    expect(target.command.join(' ')).toMatch(/run-starter\.ts .*labs\/04-kafka-bridge\/starter\/main\.ts$/);
    expect(programTarget(findLab(loadManifest(), '4'), 'reference').command.join(' ')).not.toMatch(/run-starter/);
  });
});
