/**
 * A learner who does the whole workbook in one stack runs every chapter's SQL in one database,
 * lab after lab. Each lab works in a schema of its own, so nothing one chapter creates may be in
 * another's way. This runs every ```sql block of every built lab's chapter, in document order
 * from lab 1 to lab 9, in one fresh database, one session per block, and names the chapter, the
 * line and Postgres's own words when a block fails (docs/writing-a-lab.md#sql-in-a-chapter).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '@cdc-lab/harness';
import { TestDatabase } from '../src/database.ts';
import { testNames } from '../src/names.ts';
import { loadManifest, misfencedSql, runnableSql, type FencedBlock, type Lab } from '@cdc-lab/workbook';

/**
 * How many runnable blocks each chapter has. Written down so that the run cannot pass by
 * finding nothing: a block turned into an illustration, or a new one, changes this table too.
 */
const EXPECTED_BLOCKS: Record<number, number> = { 1: 3, 2: 1, 3: 2, 4: 1, 5: 1, 6: 2, 7: 3, 8: 1, 9: 2 };

const labs = loadManifest().filter((lab) => lab.status === 'built').sort((a, b) => a.number - b.number);
const chapters = labs.map((lab) => {
  const markdown = fs.readFileSync(path.join(repoRoot(), lab.docs), 'utf8');
  return { lab, blocks: runnableSql(markdown), misfenced: misfencedSql(markdown) };
});

interface PostgresError {
  message: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
}

/** The line of the chapter where Postgres stopped: the block's start plus the error's position in it. */
function failingLine(block: FencedBlock, error: PostgresError): number {
  const position = Number(error.position);
  if (!Number.isInteger(position) || position < 1) return block.line + 1;
  return block.line + 1 + block.text.slice(0, position - 1).split('\n').length - 1;
}

function describeFailure(lab: Lab, block: FencedBlock, error: PostgresError): string {
  const line = failingLine(block, error);
  const statementLine = block.text.split('\n')[line - block.line - 1]?.trim();
  return [
    `${lab.docs}: the sql block at line ${block.line} failed at line ${line}${statementLine ? ` (${statementLine})` : ''}`,
    `Expected it to run after every earlier block of labs 1 to ${lab.number}, got: ERROR: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`,
    ...(error.detail ? [`DETAIL: ${error.detail}`] : []),
    ...(error.hint ? [`HINT: ${error.hint}`] : []),
    `Hint: each lab keeps its tables in its own schema and its first block creates what later ones use (CREATE … IF NOT EXISTS); SQL that cannot run as it stands is fenced as sql-illustration.`,
  ].join('\n');
}

function describeTryFailure(lab: Lab, error: PostgresError): string {
  return [
    `labs/manifest.yaml: lab ${lab.number}'s try: statement failed after the SQL of ${lab.docs}`,
    `Expected it to run against what the chapter's first block creates, got: ERROR: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`,
    `Hint: it is what \`pnpm lab ${lab.number}\` tells a learner to run in psql; name the lab's schema, and make it work more than once.`,
  ].join('\n');
}

describe("every chapter's SQL, lab 1 to lab 9, in one database", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await TestDatabase.create(inject('stackEnv').DATABASE_URL!, testNames(0, 'chapter-sql').database);
  });

  afterAll(async () => {
    // Drops the database's slots first: a block that made one must not leave it keeping WAL.
    await database?.drop();
  });

  it('finds the runnable blocks it expects in each built chapter, and no SQL fenced any other way', () => {
    const found = Object.fromEntries(chapters.map(({ lab, blocks }) => [lab.number, blocks.length]));
    expect(found).toEqual(Object.fromEntries(labs.map((lab) => [lab.number, EXPECTED_BLOCKS[lab.number]])));
    for (const { lab, blocks } of chapters) expect(blocks.length, `${lab.docs} has runnable SQL`).toBeGreaterThan(0);
    const misfenced = chapters.flatMap(({ lab, misfenced }) => misfenced.map((block) => `${lab.docs}:${block.line} (\`\`\`${block.info})`));
    expect(misfenced, 'SQL blocks are fenced as sql (runnable) or sql-illustration').toEqual([]);
  });

  for (const { lab, blocks } of chapters) {
    it(`runs the ${blocks.length} sql block(s) of ${lab.docs}${lab.try ? ', then its try: statement' : ''}`, async () => {
      for (const block of blocks) await runBlock(lab, block);
      // What `pnpm lab N` suggests trying must work against what the chapter's SQL made, and
      // again: a learner tries it more than once.
      if (lab.try) for (let time = 0; time < 2; time += 1) await runBlock(lab, { info: 'try', line: 0, text: lab.try });
    }, 120_000);
  }

  async function runBlock(lab: Lab, block: FencedBlock): Promise<void> {
    const session = await database.connect();
    try {
      await session.query("SET statement_timeout = '60s'");
      await session.query(block.text);
    } catch (error) {
      throw new Error(block.info === 'try' ? describeTryFailure(lab, error as PostgresError) : describeFailure(lab, block, error as PostgresError));
    } finally {
      await session.end().catch(() => {});
    }
  }
});
