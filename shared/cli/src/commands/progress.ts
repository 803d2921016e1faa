import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { colour } from '@cdc-lab/common';
import { repoRoot, type ServiceName } from '@cdc-lab/harness';
import { loadManifest, TARGET_VARIABLE, type Lab } from '@cdc-lab/workbook';

export interface VitestJsonReport {
  testResults: { name: string; assertionResults: { status: string; title: string }[] }[];
}

export interface LabProgress {
  lab: Lab;
  state: 'passing' | 'failing' | 'not built';
  passed: number;
  total: number;
}

/**
 * Grade the learner's own code — every built lab's starter/ — in one test run, and show which
 * labs pass. One run means one stack start, however many labs there are.
 */
export async function progressCommand(): Promise<void> {
  const labs = loadManifest();
  const built = labs.filter((lab) => lab.status === 'built');
  const results = built.length > 0 ? await gradeStarters(built) : new Map<number, { passed: number; total: number }>();
  const rows: LabProgress[] = labs.map((lab) => {
    if (lab.status !== 'built') return { lab, state: 'not built', passed: 0, total: 0 };
    const result = results.get(lab.number) ?? { passed: 0, total: 0 };
    return { lab, state: result.total > 0 && result.passed === result.total ? 'passing' : 'failing', ...result };
  });
  console.log('');
  console.log(colour.bold('Your progress (the code in each lab\'s starter/)'));
  for (const row of rows) console.log(formatRow(row));
  const done = rows.filter((row) => row.state === 'passing').length;
  console.log('');
  console.log(`${done} of ${built.length} built labs pass. Grade one with details: pnpm test:lab <lab> --starter`);
}

export function formatRow({ lab, state, passed, total }: LabProgress): string {
  const number = String(lab.number).padStart(2);
  const title = lab.title.padEnd(30);
  switch (state) {
    case 'passing':
      return `${colour.green('✔')} ${number}  ${title} ${colour.green(`all ${total} checks pass`)}`;
    case 'failing':
      return `${colour.red('✘')} ${number}  ${title} ${passed} of ${total} checks pass`;
    case 'not built':
      return `${colour.dim('·')} ${number}  ${colour.dim(title)} ${colour.dim('not built yet')}`;
  }
}

async function gradeStarters(labs: Lab[]): Promise<Map<number, { passed: number; total: number }>> {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-progress-')), 'report.json');
  const services = new Set<ServiceName>(labs.flatMap((lab) => lab.services));
  const files = labs.map((lab) => path.join(lab.dir, 'test', 'grade.test.ts'));
  const vitest = path.join(repoRoot(), 'node_modules', 'vitest', 'vitest.mjs');
  console.log(colour.dim(`grading ${labs.length} lab(s) against your starter code…`));
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', '--project', 'stack', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...files], {
      cwd: repoRoot(),
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, [TARGET_VARIABLE]: 'starter', CDC_LAB_SERVICES: [...services].join(',') },
    });
    child.once('exit', () => resolve());
  });
  if (!fs.existsSync(report)) return new Map();
  return resultsFromReport(labs, JSON.parse(fs.readFileSync(report, 'utf8')) as VitestJsonReport);
}

/** Passed and total grader checks per lab, from vitest's JSON report of the run. */
export function resultsFromReport(labs: readonly Lab[], report: VitestJsonReport): Map<number, { passed: number; total: number }> {
  const results = new Map<number, { passed: number; total: number }>();
  for (const lab of labs) {
    const file = report.testResults.find((result) => result.name.endsWith(`${lab.dir}/test/grade.test.ts`));
    const assertions = file?.assertionResults ?? [];
    results.set(lab.number, { passed: assertions.filter((a) => a.status === 'passed').length, total: assertions.length });
  }
  return results;
}
