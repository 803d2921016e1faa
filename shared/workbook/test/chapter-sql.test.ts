import { describe, expect, it } from 'vitest';
import { fencedBlocks, misfencedSql, runnableSql } from '../src/chapter-sql.ts';

const CHAPTER = [
  '# A chapter',                                  // 1
  '',                                             // 2
  '```sql',                                       // 3
  'CREATE SCHEMA IF NOT EXISTS demo;',            // 4
  '```',                                          // 5
  '',                                             // 6
  '```sql-illustration',                          // 7
  'SELECT * FROM demo.t WHERE id = $1;',          // 8
  '```',                                          // 9
  '',                                             // 10
  '````md',                                       // 11
  '```sql',                                       // 12
  'SELECT 1; -- quoted inside another block',     // 13
  '```',                                          // 14
  '````',                                         // 15
  '1. A list item:',                              // 16
  '   ```sql',                                    // 17
  '   INSERT INTO demo.t VALUES (1);',            // 18
  '   ```',                                       // 19
  '~~~ SQL',                                      // 20
  'SELECT 2;',                                    // 21
  '~~~',                                          // 22
].join('\n');

describe('the SQL of a chapter', () => {
  it('finds every fenced block with its info string and the line of its opening fence', () => {
    expect(fencedBlocks(CHAPTER).map(({ info, line }) => ({ info, line }))).toEqual([
      { info: 'sql', line: 3 },
      { info: 'sql-illustration', line: 7 },
      { info: 'md', line: 11 },
      { info: 'sql', line: 17 },
      { info: 'SQL', line: 20 },
    ]);
  });

  it('runs only blocks fenced as sql, indented ones included, never a fence quoted inside another block', () => {
    expect(runnableSql(CHAPTER).map(({ line, text }) => ({ line, text }))).toEqual([
      { line: 3, text: 'CREATE SCHEMA IF NOT EXISTS demo;' },
      { line: 17, text: 'INSERT INTO demo.t VALUES (1);' },
    ]);
  });

  it('calls out SQL fenced with neither spelling, so that a typo cannot drop a block from the run', () => {
    expect(misfencedSql(CHAPTER).map(({ info, line }) => ({ info, line }))).toEqual([{ info: 'SQL', line: 20 }]);
  });
});
