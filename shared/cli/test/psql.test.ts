import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPsql } from '../src/commands/psql.ts';
import { formatTable } from '../src/sql-prompt.ts';

describe('pnpm psql', () => {
  it('prefers the psql beside the server, then one on PATH, else none (the built-in prompt stands in)', () => {
    const serverBin = fs.mkdtempSync(path.join(os.tmpdir(), 'server-bin-'));
    const onPath = fs.mkdtempSync(path.join(os.tmpdir(), 'path-bin-'));
    fs.writeFileSync(path.join(onPath, 'psql'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findPsql(serverBin, onPath)).toBe(path.join(onPath, 'psql'));
    fs.writeFileSync(path.join(serverBin, 'psql'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findPsql(serverBin, onPath)).toBe(path.join(serverBin, 'psql'));
    expect(findPsql(undefined, fs.mkdtempSync(path.join(os.tmpdir(), 'empty-')))).toBeUndefined();
  });

  it('prints results as psql does: aligned columns and a row count', () => {
    expect(formatTable(['id', 'name'], [{ id: 1, name: 'Ada' }, { id: 22, name: null }])).toBe([
      ' id | name ',
      '----+------',
      ' 1  | Ada  ',
      ' 22 |      ',
      '(2 rows)',
    ].join('\n'));
  });
});
