import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackFromSetup, TestDatabase, testNames } from '@cdc-lab/grading';
import { sqlPrompt } from '../src/sql-prompt.ts';

/** The prompt that stands in for psql, against a real database of its own. */
describe('the built-in SQL prompt', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create(stackFromSetup().DATABASE_URL!, testNames(0, 'sql-prompt').database);
  });
  afterAll(() => db?.drop());

  const session = async (input: string) => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await sqlPrompt(db.url, { input: Readable.from([input]), output });
    return { code, printed };
  };

  it('runs statements that span lines, prints tables and command tags, lists tables and quits', async () => {
    const { code, printed } = await session([
      'CREATE SCHEMA poller; CREATE TABLE poller.users (id bigint PRIMARY KEY, name text);',
      "INSERT INTO poller.users VALUES (1, 'Ada'),",
      "  (2, 'Grace');",
      'SELECT name FROM poller.users ORDER BY id;',
      '\\dt',
      '\\q',
      'SELECT 1;',
    ].join('\n'));
    expect(code).toBe(0);
    expect(printed).toContain('INSERT 0 2');
    expect(printed).toMatch(/ name {2}\n-+\n Ada {3}\n Grace \n\(2 rows\)/);
    expect(printed).toMatch(/ poller +\| users/);
    // Nothing after \q runs.
    expect(printed).not.toContain('?column?');
  });

  it('reports an error and goes on; -c exits non-zero when its statement fails', async () => {
    const { printed } = await session('SELECT * FROM missing;\nSELECT 2 AS two;\n');
    expect(printed).toMatch(/ERROR: {2}relation "missing" does not exist/);
    expect(printed).toContain(' two ');
    const quiet = new PassThrough();
    expect(await sqlPrompt(db.url, { command: 'SELECT * FROM missing', output: quiet })).toBe(1);
    expect(await sqlPrompt(db.url, { command: 'SELECT 1', output: quiet })).toBe(0);
  });
});
