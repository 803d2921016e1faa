import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lab = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const modules = (folder: string) => fs.readdirSync(path.join(lab, folder)).filter((name) => name.endsWith('.ts')).sort();

describe('the starter', () => {
  it('holds only files the reference has: the ones you write, and the entry', () => {
    expect(modules('starter').filter((file) => !modules('src').includes(file))).toEqual([]);
    expect(modules('starter')).toContain('main.ts');
  });

  // main.ts runs the program when imported, so it is compared by file only.
  for (const name of modules('starter').filter((file) => file !== 'main.ts')) {
    it(`exports the same names from ${name}`, async () => {
      const reference = (await import(path.join(lab, 'src', name))) as Record<string, unknown>;
      const starter = (await import(path.join(lab, 'starter', name))) as Record<string, unknown>;
      expect(Object.keys(starter).sort()).toEqual(Object.keys(reference).sort());
    });
  }
});
