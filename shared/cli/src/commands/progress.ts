import { parseArgs } from 'node:util';
import { colour, ConfigurationError } from '@cdc-lab/common';
import type { ServiceName } from '@cdc-lab/harness';
import { gradeInOrder, openStackSession } from '@cdc-lab/grading';
import { findLab, labPassed, loadManifest, parseLanguage, programTarget, readProgress, tierCounts, type Language, type Lab, type LabRecord, type ProgressRecord } from '@cdc-lab/workbook';
import { passCtrlCTo } from '../interrupt.ts';
import { loadGrader, recordRun, stageLine, stagesOfTrack } from './test-lab.ts';

export const PROGRESS_USAGE = `usage: pnpm progress [--check [lab…]] [--lang python]

Shows, per lab, how many stages your code passed when it was last graded (pnpm test:lab <lab>
--starter, or --command). It reads what grading recorded and starts nothing.

  --check [lab…]   grade your starter code again, every stage, for the labs named (default: the
                   labs you have graded before, or lab 1); starts only the services those labs
                   need and stops what it started
  --lang python    with --check: grade the Python starters (default: the track each lab was last
                   graded in)`;

export async function progressCommand(argv: string[] = []): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(PROGRESS_USAGE);
    return;
  }
  const labs = loadManifest();
  if (positionals.length > 0 && !values.check) throw new ConfigurationError('name labs only with --check', { hint: PROGRESS_USAGE });
  if (values.lang !== undefined && !values.check) throw new ConfigurationError('--lang goes with --check', { hint: PROGRESS_USAGE });
  const language = values.lang === undefined ? undefined : parseLanguage(values.lang);
  if (values.check) await regrade(labsToCheck(labs, positionals, readProgress()), readProgress(), language);
  printProgress(labs, readProgress());
}

export function printProgress(labs: readonly Lab[], progress: ProgressRecord, now = new Date()): void {
  console.log(colour.bold('Your progress, as last graded'));
  for (const lab of labs) console.log(formatRow(lab, progress.labs[String(lab.number)], now));
  const done = labs.filter((lab) => labPassed(progress.labs[String(lab.number)])).length;
  const built = labs.filter((lab) => lab.status === 'built').length;
  console.log('');
  console.log(`${done} of ${built} labs pass (a lab passes when its base stages do; extension stages go deeper). Grade one: pnpm test:lab <lab> --starter (add --lang python for the Python track) · again, all at once: pnpm progress --check`);
}

export function formatRow(lab: Lab, record: LabRecord | undefined, now = new Date()): string {
  const number = String(lab.number).padStart(2);
  const title = lab.title.padEnd(30);
  const estimate = colour.dim(`~${lab.estimate}`.padEnd(13));
  if (lab.status !== 'built') return `${colour.dim('·')} ${number}  ${colour.dim(title)} ${estimate} ${colour.dim('not built yet')}`;
  if (!record) return `${colour.dim('·')} ${number}  ${title} ${estimate} ${colour.dim('not graded yet')}`;
  const { base, extension } = tierCounts(record);
  const track = record.target === 'command' ? `, ${record.describe}` : record.language === 'python' ? ', in Python' : '';
  const when = colour.dim(`(${ago(latest(record), now)}${track})`);
  const depth = extension.total > 0 ? ` · extension ${extension.passed} of ${extension.total}` : '';
  const stages = extension.total > 0 ? 'base stages' : 'stages';
  if (labPassed(record)) return `${colour.green('✔')} ${number}  ${title} ${estimate} ${colour.green(`all ${base.total} ${stages} pass`)}${depth} ${when}`;
  const next = record.lastFailure ? `; next: ${record.lastFailure.stage}` : '';
  return `${colour.yellow('…')} ${number}  ${title} ${estimate} ${base.passed} of ${base.total} ${stages} pass${next}${depth} ${when}`;
}

function latest(record: LabRecord): Date {
  const times = Object.values(record.stages).map((stage) => Date.parse(stage.at)).filter(Number.isFinite);
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

function ago(then: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - then.getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** The labs `--check` grades: those named, else those graded before, else lab 1. */
export function labsToCheck(labs: readonly Lab[], named: readonly string[], progress: ProgressRecord): Lab[] {
  const built = labs.filter((lab) => lab.status === 'built');
  if (named.length > 0) return named.map((query) => findLab([...labs], query)).filter((lab) => built.includes(lab));
  const graded = built.filter((lab) => progress.labs[String(lab.number)] !== undefined);
  return graded.length > 0 ? graded : built.slice(0, 1);
}

/**
 * The track --check grades a lab's starter in: the one asked for, else the one the lab was last
 * graded in (a learner on the Python track keeps to it), else TypeScript.
 */
export function trackToCheck(lab: Lab, record: LabRecord | undefined, asked: Language | undefined): Language {
  if (asked) return asked === 'python' && !lab.python ? 'typescript' : asked;
  return record?.language === 'python' && lab.python ? 'python' : 'typescript';
}

async function regrade(labs: Lab[], progress: ProgressRecord, asked: Language | undefined): Promise<void> {
  const services = [...new Set<ServiceName>(labs.flatMap((lab) => lab.services))];
  console.log(colour.dim(`Grading your starter code for lab ${labs.map((lab) => lab.number).join(', ')} (services: ${services.join(', ')})…`));
  const session = await openStackSession(services, (line) => console.error(colour.dim(`[stack] ${line}`)));
  let interrupted = false;
  const restore = passCtrlCTo(() => {
    interrupted = true;
    void import('@cdc-lab/grading').then(({ LabProcess }) => LabProcess.killAll());
  });
  try {
    for (const lab of labs) {
      if (interrupted) break;
      const language = trackToCheck(lab, progress.labs[String(lab.number)], asked);
      const grader = stagesOfTrack(await loadGrader(lab), language);
      const target = programTarget(lab, 'starter', language);
      console.log(colour.bold(`Lab ${lab.number} — ${lab.title}`));
      const outcomes = await gradeInOrder(grader, target, session.env, { all: true }, {
        finished: (outcome) => console.log(stageLine(outcome)),
        stopped: () => interrupted,
      });
      if (!interrupted) recordRun(lab, grader, target, outcomes);
    }
  } finally {
    restore();
    await session.finish();
  }
  console.log('');
}
