import type { SeenRecord } from '../kafka.ts';
import type { DemoContext, DemoNames } from './context.ts';

/**
 * The vocabulary of `pnpm lab N demo`. A demo replays a chapter's scenario against the lab's
 * running program; it is data — a list of steps the runner carries out in order, printing each
 * as it goes — so that a scenario file reads like the chapter it follows:
 *
 *   narrate   a paragraph of explanation           lookFor   what to notice in what just happened
 *   sql       a statement, printed, then run       start     the lab's program, in the background
 *   waitFor   a line the program must print        stop      Ctrl-C, and a clean exit (code 0)
 *   crash     SIGKILL: no time to flush or confirm  command   a command of the program, run to its end
 *   exits     the program ends by itself, with a given exit code
 *   showTopic a Kafka topic's records               showSlot  a replication slot's position
 *   slotReleased  the slot let go after a crash     check     an assertion of the scenario's own
 *
 * Every wait and check asserts: a line that does not come, or a result that is not there,
 * stops the demo with what was expected and what the program printed last.
 */
export type Step =
  | NarrateStep
  | LookForStep
  | SqlStep
  | StartStep
  | WaitStep
  | StopStep
  | CrashStep
  | ExitStep
  | CommandStep
  | TopicStep
  | SlotStep
  | SlotReleasedStep
  | CheckStep;

/** What was captured from earlier lines (`remember`), by name. */
export type Memory = Record<string, string>;

/**
 * A line to wait for: a substring, a regular expression, or a test that may use what earlier
 * steps remembered (an event id the service printed, say).
 */
export type Pattern = string | RegExp | ((line: string, memory: Memory) => boolean);

export interface Expectation {
  pattern: Pattern;
  /** What the line means, for the ✔ and for the failure message: "the relay to send it". */
  what: string;
  timeoutMs?: number;
  hint?: string;
  /**
   * Keep part of the matching line for later steps: the name to keep it under. A RegExp pattern
   * keeps its first group (the whole match without one); other patterns keep the line.
   */
  remember?: string;
}

export interface NarrateStep { kind: 'narrate'; text: string }
export interface LookForStep { kind: 'look'; text: string }
export interface SqlStep { kind: 'sql'; statement: string; note?: string }
export interface StartStep {
  kind: 'start';
  /** The name its output is shown under, and later steps refer to it by. */
  program: string;
  args: readonly string[];
  env?: Record<string, string>;
  /** Another lab's reference program (lab 9 runs lab 4's bridge beside Debezium). */
  lab?: number;
  /** The line that says it is ready; the next step waits for it. */
  ready?: Expectation;
}
export interface WaitStep extends Expectation { kind: 'wait'; program: string }
export interface StopStep { kind: 'stop'; program: string; timeoutMs?: number }
export interface CrashStep { kind: 'crash'; program: string }
export interface ExitStep { kind: 'exit'; program: string; exitCode: number; what: string; timeoutMs?: number }
export interface CommandStep {
  kind: 'command';
  program: string;
  args: readonly string[];
  env?: Record<string, string>;
  exitCode?: number;
  timeoutMs?: number;
  /** Lines it must have printed, checked in order once it has ended. */
  expect?: readonly Expectation[];
}
export interface TopicStep {
  kind: 'topic';
  topic: string;
  isolation?: 'read_committed' | 'read_uncommitted';
  /** Wait until the topic holds at least this many records (default 1). */
  atLeast?: number;
  /** How to show them: one line per record (the default), or lines of the scenario's own. */
  show?: (records: SeenRecord[]) => string[];
  /** An assertion on the records: return what is wrong, or nothing. */
  expect?: { what: string; problem: (records: SeenRecord[], memory: Memory) => string | undefined };
  timeoutMs?: number;
}
export interface SlotStep {
  kind: 'slot';
  slot?: string;
  /** Keep its confirmed_flush_lsn under this name (for a later check). */
  remember?: string;
  /** Require its confirmed_flush_lsn to be the one remembered under this name: nothing was confirmed since. */
  unchangedSince?: { remembered: string; what: string };
}
export interface SlotReleasedStep { kind: 'slot-released'; slot?: string }
export interface CheckStep { kind: 'check'; what: string; run: (ctx: DemoContext) => Promise<void> | void }

/** One lab's demo. `steps` gets the demo's own names (database, slot, topic prefix, …). */
export interface Demo {
  lab: number;
  /** One line: the story this demo tells. */
  title: string;
  steps(names: DemoNames): Step[];
  /**
   * Remove what the demo leaves outside its database and topics (a Kafka Connect connector,
   * registry subjects). Runs before the demo, for what an interrupted run left, and after it.
   */
  reset?(ctx: DemoContext): Promise<void>;
}

export function defineDemo(demo: Demo): Demo {
  return demo;
}

/** Chapter-style text: the line breaks of a template literal are not the reader's. */
function paragraph(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

export function narrate(text: string): NarrateStep {
  return { kind: 'narrate', text: paragraph(text) };
}

export function lookFor(text: string): LookForStep {
  return { kind: 'look', text: paragraph(text) };
}

export function sql(statement: string, note?: string): SqlStep {
  return { kind: 'sql', statement: statement.trim(), ...(note ? { note } : {}) };
}

export function start(program: string, args: readonly string[] = [], options: Omit<StartStep, 'kind' | 'program' | 'args'> = {}): StartStep {
  return { kind: 'start', program, args, ...options };
}

export function waitFor(program: string, pattern: Pattern, what: string, options: Omit<Expectation, 'pattern' | 'what'> = {}): WaitStep {
  return { kind: 'wait', program, pattern, what, ...options };
}

/** An expectation on its own, for `start(…, { ready })` and `command(…, { expect })`. */
export function line(pattern: Pattern, what: string, options: Omit<Expectation, 'pattern' | 'what'> = {}): Expectation {
  return { pattern, what, ...options };
}

export function stop(program: string, timeoutMs?: number): StopStep {
  return { kind: 'stop', program, ...(timeoutMs ? { timeoutMs } : {}) };
}

export function crash(program: string): CrashStep {
  return { kind: 'crash', program };
}

/** The program ends by itself (it refused something, say) with this exit code. */
export function exits(program: string, exitCode: number, what: string, timeoutMs?: number): ExitStep {
  return { kind: 'exit', program, exitCode, what, ...(timeoutMs ? { timeoutMs } : {}) };
}

export function command(program: string, args: readonly string[], options: Omit<CommandStep, 'kind' | 'program' | 'args'> = {}): CommandStep {
  return { kind: 'command', program, args, ...options };
}

export function showTopic(topic: string, options: Omit<TopicStep, 'kind' | 'topic'> = {}): TopicStep {
  return { kind: 'topic', topic, ...options };
}

export function showSlot(options: Omit<SlotStep, 'kind'> = {}): SlotStep {
  return { kind: 'slot', ...options };
}

export function slotReleased(slot?: string): SlotReleasedStep {
  return { kind: 'slot-released', ...(slot ? { slot } : {}) };
}

export function check(what: string, run: CheckStep['run']): CheckStep {
  return { kind: 'check', what, run };
}
