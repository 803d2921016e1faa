import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { repoRoot, type StackEnv } from '@cdc-lab/harness';
import { findLab, loadManifest, programTarget, type Lab, type Target } from '@cdc-lab/workbook';
import { dropDatabase, TestDatabase } from '../database.ts';
import { fail, GradeFailure } from '../failure.ts';
import { NAME_VARIABLES } from '../grader.ts';
import { TestKafka } from '../kafka.ts';
import { describeExit } from '../lab-process.ts';
import { demoNames, type DemoContext, type DemoNames } from './context.ts';
import { describeResult, describeStep, labCommandLine, recordLine } from './format.ts';
import { Narrator } from './narrator.ts';
import { DemoPrograms, sleep } from './programs.ts';
import type { CommandStep, Demo, Memory, SlotStep, StartStep, Step, TopicStep } from './steps.ts';

export interface DemoOptions {
  lab: Lab;
  /** The lab's program the demo drives: the reference, or the learner's starter. */
  target: Target;
  stack: StackEnv;
  /** No pauses between steps (tests, and readers in a hurry). */
  fast?: boolean;
  /** Another stem for the demo's names than cdc_lab_demo_<NN>. */
  id?: string;
  /** Ctrl-C: stop at the next moment, clean up, and report 'interrupted'. */
  signal?: AbortSignal;
  narrator?: Narrator;
}

export type DemoOutcome = 'passed' | 'failed' | 'interrupted';

const READY_TIMEOUT_MS = 45_000;
const READ_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 20_000;
const COMMAND_TIMEOUT_MS = 30_000;

class DemoInterrupted extends Error {}

/** Carry out a demo's steps against the lab's program, then remove everything it made. */
export async function runDemo(demo: Demo, options: DemoOptions): Promise<DemoOutcome> {
  return new DemoRun(demo, options).run();
}

class DemoRun implements DemoContext {
  readonly lab: Lab;
  readonly names: DemoNames;
  readonly stack: StackEnv;
  readonly programEnv: Record<string, string>;
  readonly memory: Memory = {};
  private database: TestDatabase | undefined;
  private kafkaClient: TestKafka | undefined;
  private readonly narrator: Narrator;
  private readonly programs: DemoPrograms;
  private readonly aborted: Promise<never>;
  private passedChecks = 0;
  /** Where failures point: the chapter's expected output, which the demo replays. */
  private readonly docs: string;

  constructor(private readonly demo: Demo, private readonly options: DemoOptions) {
    this.lab = options.lab;
    this.stack = options.stack;
    if (!options.stack.DATABASE_URL) throw new Error('the stack has no DATABASE_URL');
    this.names = demoNames(this.lab.number, options.stack.DATABASE_URL, options.id);
    this.programEnv = {
      ...(options.stack as Record<string, string>),
      DATABASE_URL: this.names.databaseUrl,
      [NAME_VARIABLES.slot]: this.names.slot,
      [NAME_VARIABLES.publication]: this.names.publication,
      [NAME_VARIABLES.topicPrefix]: this.names.topicPrefix,
      [NAME_VARIABLES.transactionalId]: this.names.transactionalId,
      [NAME_VARIABLES.stateDir]: this.names.stateDir,
    };
    this.narrator = options.narrator ?? new Narrator();
    this.docs = `${this.lab.docs}#expected-output`;
    this.programs = new DemoPrograms(this.narrator, this.memory, this.docs);
    this.aborted = new Promise<never>((_, reject) => {
      const stop = () => reject(new DemoInterrupted());
      if (options.signal?.aborted) stop();
      options.signal?.addEventListener('abort', stop, { once: true });
    });
    this.aborted.catch(() => {});
  }

  /** Whether the program the demo drives is a lab's Python reference or starter. */
  private get inPython(): boolean {
    const target = this.options.target;
    return target.kind !== 'command' && target.language === 'python';
  }

  get db(): TestDatabase {
    if (!this.database) throw new Error('the demo database is not made yet');
    return this.database;
  }

  kafka(): TestKafka {
    if (!this.stack.KAFKA_BROKERS) throw new Error(`lab ${this.lab.number}'s demo asked for Kafka but the stack has none`);
    this.kafkaClient ??= new TestKafka(this.stack.KAFKA_BROKERS.split(','), this.names.topicPrefix);
    return this.kafkaClient;
  }

  output(program: string): readonly string[] {
    return this.programs.get(program).output;
  }

  show(line: string): void {
    this.narrator.reading(line);
  }

  fail(report: { expected: string; got: string; hint?: string; program?: string }): never {
    const { program, ...rest } = report;
    const transcript = program && this.programs.has(program) ? this.programs.transcript(this.programs.get(program)) : undefined;
    fail({ ...rest, docs: this.docs, ...(transcript ? { transcript } : {}) });
  }

  async run(): Promise<DemoOutcome> {
    const steps = this.demo.steps(this.names);
    this.narrator.setLabels(steps.flatMap((step) => ('program' in step ? [step.program] : [])));
    this.narrator.header(`Lab ${this.lab.number} demo — ${this.lab.title}: ${this.demo.title}`, [
      `It runs in a database of its own, ${this.names.database} (made now, dropped at the end), with slot, publication and topics named ${this.names.id}.`,
      `The program: ${this.options.target.describe}. Ctrl-C stops the demo.`,
    ]);
    let current: Step | undefined;
    try {
      // Not cut short by Ctrl-C: a half-made database would race the clean-up.
      await this.setUp();
      if (this.options.signal?.aborted) throw new DemoInterrupted();
      for (const step of steps) {
        current = step;
        await this.abortable(this.perform(step));
        await this.abortable(this.pace(step));
      }
      this.narrator.narrate(`Done: the demo saw everything it expected (${this.passedChecks} checks). Read ${this.lab.docs} for the why of each step.`);
      return 'passed';
    } catch (error) {
      if (error instanceof DemoInterrupted) {
        this.narrator.narrate('Ctrl-C: stopping the demo and its programs.');
        return 'interrupted';
      }
      this.narrator.failed(this.failureText(error, current));
      return 'failed';
    } finally {
      await this.tearDown();
    }
  }

  private failureText(error: unknown, step: Step | undefined): string {
    const at = step ? `At step: ${describeStep(step)}\n` : '';
    if (error instanceof GradeFailure) return `${at}${error.message}`;
    const message = error instanceof Error ? error.message : String(error);
    const hint = (error as { hint?: string }).hint;
    return `${at}${message}${hint ? `\nHint: ${hint}` : ''}`;
  }

  private async setUp(): Promise<void> {
    const admin = this.stack.DATABASE_URL!;
    // What an interrupted run left goes first: the demo always starts from nothing.
    await dropDatabase(admin, this.names.database);
    this.database = await TestDatabase.create(admin, this.names.database);
    if (this.stack.KAFKA_BROKERS && this.lab.services.includes('kafka')) await this.kafka().cleanup();
    await this.demo.reset?.(this);
    fs.rmSync(this.names.stateDir, { recursive: true, force: true });
    fs.mkdirSync(this.names.stateDir, { recursive: true });
  }

  private async tearDown(): Promise<void> {
    const problems: string[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    // Programs first: one still streaming holds its slot, and the slot blocks DROP DATABASE.
    await this.programs.stopAll();
    if (this.database) await attempt('reset', async () => this.demo.reset?.(this));
    if (this.kafkaClient) await attempt('deleting the demo\'s topics', () => this.kafkaClient!.cleanup());
    await attempt('dropping the demo database', async () => {
      await this.database?.drop();
      if (!this.database) await dropDatabase(this.stack.DATABASE_URL!, this.names.database);
    });
    fs.rmSync(this.names.stateDir, { recursive: true, force: true });
    const removed = [`database ${this.names.database} and its slots`, ...(this.kafkaClient ? [`topics ${this.names.topicPrefix}*`] : [])];
    this.narrator.note(problems.length === 0 ? `Cleaned up: dropped ${removed.join(', ')}.` : `Clean-up left something behind: ${problems.join('; ')}`);
  }

  private async perform(step: Step): Promise<void> {
    switch (step.kind) {
      case 'narrate':
        return this.narrator.narrate(step.text);
      case 'look':
        return this.narrator.look(step.text);
      case 'sql':
        return this.runSql(step.statement, step.note);
      case 'start':
        return this.start(step);
      case 'wait':
        await this.programs.waitForLine(this.programs.get(step.program), step);
        return this.passed(step.what);
      case 'stop':
        return this.stop(step.program, step.timeoutMs ?? STOP_TIMEOUT_MS);
      case 'crash': {
        const run = this.programs.get(step.program);
        this.narrator.action(`kill -9 ${step.program} (SIGKILL: no chance to flush, confirm or say goodbye)`);
        await run.process.kill();
        return;
      }
      case 'exit': {
        const run = this.programs.get(step.program);
        const timeoutMs = step.timeoutMs ?? READ_TIMEOUT_MS;
        const exit = await this.programs.exitWithin(run, timeoutMs, `${step.what} within ${timeoutMs / 1000} s`);
        if (exit.code !== step.exitCode || exit.signal !== null) {
          fail({ expected: `${step.what} (exit code ${step.exitCode})`, got: describeExit(exit), docs: this.docs, transcript: this.programs.transcript(run) });
        }
        return this.passed(step.what);
      }
      case 'command':
        return this.command(step);
      case 'topic':
        return this.showTopic(step);
      case 'slot':
        return this.showSlot(step.slot ?? this.names.slot, step);
      case 'slot-released':
        return this.slotReleased(step.slot ?? this.names.slot);
      case 'check':
        await step.run(this);
        return this.passed(step.what);
    }
  }

  /** Short pauses so that a person can read along; none with --fast. */
  private pace(step: Step): Promise<void> {
    if (this.options.fast) return Promise.resolve();
    const words = step.kind === 'narrate' || step.kind === 'look' ? step.text.split(/\s+/).length : 0;
    const ms = {
      narrate: Math.min(7_000, 800 + words * 150),
      look: Math.min(7_000, 800 + words * 150),
      sql: 1_200,
      start: 800,
      wait: 400,
      stop: 800,
      crash: 1_000,
      exit: 600,
      command: 1_000,
      topic: 1_500,
      slot: 1_200,
      'slot-released': 300,
      check: 600,
    }[step.kind];
    return sleep(ms);
  }

  private passed(what: string): void {
    this.passedChecks += 1;
    this.narrator.passed(what);
  }

  private async runSql(statement: string, note: string | undefined): Promise<void> {
    this.narrator.sql(statement, note);
    let results: pg.QueryResult | pg.QueryResult[];
    try {
      results = await this.db.query(statement);
    } catch (error) {
      fail({ expected: 'the statement to run', got: `Postgres said: ${(error as Error).message}`, docs: this.docs });
    }
    for (const result of Array.isArray(results) ? results : [results]) {
      for (const line of describeResult(result)) this.narrator.sqlResult(line);
    }
  }

  private targetFor(step: { lab?: number }): Target {
    if (step.lab === undefined || step.lab === this.lab.number) return this.options.target;
    return programTarget(findLab(loadManifest(), String(step.lab)), 'reference');
  }

  private async start(step: StartStep): Promise<void> {
    const other = step.lab !== undefined && step.lab !== this.lab.number;
    this.narrator.action(`${step.program}: ${labCommandLine(step.lab ?? this.lab.number, !other && this.options.target.kind === 'starter', step.args, !other && this.inPython)}`);
    const run = this.programs.launch(step.program, this.targetFor(step), step.args, { ...this.programEnv, ...step.env });
    if (step.ready) {
      await this.programs.waitForLine(run, { timeoutMs: READY_TIMEOUT_MS, ...step.ready });
      this.passed(step.ready.what);
    }
  }

  private async command(step: CommandStep): Promise<void> {
    this.narrator.action(`${step.program}: ${labCommandLine(this.lab.number, this.options.target.kind === 'starter', step.args, this.inPython)}`);
    const run = this.programs.launch(step.program, this.options.target, step.args, { ...this.programEnv, ...step.env });
    const timeoutMs = step.timeoutMs ?? COMMAND_TIMEOUT_MS;
    const exit = await this.programs.exitWithin(run, timeoutMs, `${step.program} to finish within ${timeoutMs / 1000} s`);
    const wanted = step.exitCode ?? 0;
    if (exit.code !== wanted || exit.signal !== null) {
      fail({ expected: `${step.program} to exit with code ${wanted}`, got: describeExit(exit), docs: this.docs, transcript: this.programs.transcript(run) });
    }
    for (const expectation of step.expect ?? []) {
      await this.programs.waitForLine(run, expectation);
      this.passed(expectation.what);
    }
  }

  private async stop(program: string, timeoutMs: number): Promise<void> {
    const run = this.programs.get(program);
    this.narrator.action(`Ctrl-C ${program}`);
    run.process.signal('SIGINT');
    const exit = await this.programs.exitWithin(run, timeoutMs, `${program} to stop within ${timeoutMs / 1000} s of Ctrl-C (SIGINT)`);
    if (exit.code !== 0 || exit.signal !== null) {
      fail({ expected: `${program} to stop cleanly on Ctrl-C (exit code 0)`, got: describeExit(exit), docs: this.docs, transcript: this.programs.transcript(run) });
    }
    this.passed(`${program} stopped cleanly (exit code 0)`);
  }

  private async showTopic(step: TopicStep): Promise<void> {
    const atLeast = step.atLeast ?? 1;
    this.narrator.action(`read ${step.topic} from the beginning${step.isolation === 'read_committed' ? ' (read_committed: committed Kafka transactions only)' : ''}`);
    const records = await this.kafka().waitForRecords(step.topic, atLeast, {
      ...(step.isolation ? { isolation: step.isolation } : {}),
      timeoutMs: step.timeoutMs ?? READ_TIMEOUT_MS,
      what: `${atLeast} record(s)`,
    });
    const lines = step.show ? step.show(records) : records.map(recordLine);
    for (const line of lines) this.narrator.reading(line);
    if (step.expect) {
      const problem = step.expect.problem(records, this.memory);
      if (problem !== undefined) fail({ expected: `${step.expect.what} in ${step.topic}`, got: problem, docs: this.docs });
      this.passed(step.expect.what);
    }
  }

  private async slotRow(slot: string) {
    const result = await this.db.query<{ active: boolean; active_pid: number | null; confirmed_flush_lsn: string | null; restart_lsn: string | null; plugin: string | null }>(
      'SELECT active, active_pid, confirmed_flush_lsn::text, restart_lsn::text, plugin FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    return result.rows[0];
  }

  private async showSlot(slot: string, { remember, unchangedSince }: SlotStep): Promise<void> {
    const row = await this.slotRow(slot);
    this.narrator.action(`look at slot '${slot}' in pg_replication_slots`);
    if (!row) {
      this.narrator.reading(`slot '${slot}': does not exist`);
      if (remember) fail({ expected: `slot '${slot}' to exist`, got: 'no such slot', docs: this.docs });
      return;
    }
    const state = row.active ? `active (walsender PID ${row.active_pid})` : 'inactive';
    this.narrator.reading(`slot '${slot}' (${row.plugin}): ${state}, confirmed_flush_lsn ${row.confirmed_flush_lsn}, restart_lsn ${row.restart_lsn}`);
    if (remember && row.confirmed_flush_lsn) this.memory[remember] = row.confirmed_flush_lsn;
    if (unchangedSince) {
      const before = this.memory[unchangedSince.remembered];
      if (row.confirmed_flush_lsn !== before) {
        fail({ expected: `${unchangedSince.what}: confirmed_flush_lsn still ${before ?? '(not remembered)'}`, got: `confirmed_flush_lsn ${row.confirmed_flush_lsn}`, docs: this.docs });
      }
      this.passed(unchangedSince.what);
    }
  }

  /** After a crash the walsender notices its client has gone only when it next writes. */
  private async slotReleased(slot: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const row = await this.slotRow(slot);
      if (!row || !row.active) return this.passed(`slot '${slot}' is free again`);
      if (Date.now() > deadline) fail({ expected: `slot '${slot}' to be released within 15 s of the crash`, got: `still active (walsender PID ${row.active_pid})`, docs: this.docs });
      await sleep(100);
    }
  }

  private abortable<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {});
    return Promise.race([work, this.aborted]);
  }
}

/** The scenario file of a lab: labs/<NN>-<slug>/demo/scenario.ts. */
export function scenarioFile(lab: Lab): string {
  return path.join(repoRoot(), lab.dir, 'demo', 'scenario.ts');
}
