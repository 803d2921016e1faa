import { check, describeExit, fail, type Exit, type LabProcess, type StageContext } from '@cdc-lab/grading';
import { listensOn } from '../contract.ts';

/** Slot creation waits for transactions running anywhere on the server: be patient once. */
const LISTENING_TIMEOUT_MS = 30_000;

export interface BridgeOptions {
  args?: string[];
  env?: Record<string, string>;
  label?: string;
}

/** One run of the program under test: the bridge (or, with args ['tail', …], the tail command). */
export class BridgeRun {
  private constructor(readonly process: LabProcess, readonly docs: string, readonly label: string, readonly slot: string) {}

  /** Start the bridge and wait for `Listening on slot '<slot>'...`. */
  static async start(ctx: StageContext, options: BridgeOptions = {}): Promise<BridgeRun> {
    const run = BridgeRun.launch(ctx, options);
    await run.process.waitForLine((line) => listensOn(line, run.slot), {
      timeoutMs: LISTENING_TIMEOUT_MS,
      what: `${run.label} to print "Listening on slot '${run.slot}'..." once it streams`,
      hint: 'create or check the publication, connect to Kafka, open the replication connection with pgoutput (proto_version 1, publication_names), then print the line',
      docs: 'docs/04-kafka-bridge.md#running-it',
    });
    return run;
  }

  /** Start a process without waiting for anything (commands, expected failures). */
  static launch(ctx: StageContext, options: BridgeOptions = {}): BridgeRun {
    const label = options.label ?? 'your bridge';
    const slot = options.env?.CDC_SLOT ?? ctx.names.slot;
    const child = ctx.start({ args: options.args ?? [], env: options.env ?? {}, label });
    return new BridgeRun(child, ctx.stage.docs, label, slot);
  }

  get pid(): number {
    if (this.process.pid === undefined) fail({ expected: `${this.label} to start`, got: 'no process', transcript: this.transcript() });
    return this.process.pid;
  }

  /** Ctrl-C, then require a clean exit (code 0) within `timeoutMs`. */
  async interrupt({ hint, timeoutMs = 15_000 }: { hint?: string; timeoutMs?: number } = {}): Promise<Exit> {
    this.process.signal('SIGINT');
    const exit = await this.process.waitForExit({
      timeoutMs,
      what: `${this.label} to stop within ${timeoutMs / 1000} s of Ctrl-C (SIGINT)`,
      hint: hint ?? 'on SIGINT stop reading, wait for Kafka to acknowledge what was produced, confirm it, close the stream',
      docs: 'docs/04-kafka-bridge.md#stopping-cleanly',
    });
    await this.drained();
    check(exit.code === 0 && exit.signal === null, {
      expected: `${this.label} to exit with code 0 after Ctrl-C (SIGINT)`,
      got: describeExit(exit),
      hint: hint ?? 'stopping on request is not a failure: handle SIGINT, flush, confirm, close, and return from main',
      docs: 'docs/04-kafka-bridge.md#stopping-cleanly',
      transcript: this.transcript(),
    });
    return exit;
  }

  /** Wait for a command (an expected failure, tail with --max-messages) to end, output included. */
  async finished(what: string, timeoutMs = 20_000): Promise<Exit> {
    const exit = await this.process.waitForExit({ timeoutMs, what, docs: this.docs });
    await this.drained();
    return exit;
  }

  /** LabProcess settles on 'exit'; the last lines may still be in the pipes for a moment. */
  async drained(): Promise<void> {
    await this.process.exited;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  output(): string {
    return [...this.process.lines, ...this.process.errorLines].join('\n');
  }

  transcript(): string {
    return this.process.transcript();
  }
}
