import { check, describeExit, type Exit, type LabProcess, type StageContext } from '@cdc-lab/grading';
import { listensOn } from '../contract.ts';

/** Slot creation waits for transactions running anywhere on the server: be patient once. */
const LISTENING_TIMEOUT_MS = 30_000;

export interface BridgeOptions {
  args?: string[];
  /** Added to the stage's program environment (a private stack's addresses, for one). */
  env?: Record<string, string>;
  label?: string;
}

/** One process of the bridge under test. */
export class BridgeRun {
  private constructor(readonly process: LabProcess, readonly label: string, readonly slot: string) {}

  /** Start the bridge and wait for `Listening on slot '<slot>'`. */
  static async start(ctx: StageContext, options: BridgeOptions = {}): Promise<BridgeRun> {
    const run = BridgeRun.launch(ctx, options);
    await run.listening();
    return run;
  }

  /** Start a process without waiting for anything. */
  static launch(ctx: StageContext, options: BridgeOptions = {}): BridgeRun {
    const label = options.label ?? 'your program';
    const child = ctx.start({ args: options.args ?? [], env: options.env ?? {}, label });
    return new BridgeRun(child, label, options.env?.CDC_SLOT ?? ctx.names.slot);
  }

  async listening(timeoutMs = LISTENING_TIMEOUT_MS): Promise<void> {
    await this.process.waitForLine((line) => listensOn(line, this.slot), {
      timeoutMs,
      what: `${this.label} to print "Listening on slot '${this.slot}' …" once it streams`,
      hint: 'fence with the transactional id, read the position from the offsets topic, open the slot\'s stream, then print the line',
      docs: 'docs/05-exactly-once.md#running-it',
    });
  }

  /** Everything the program said, both streams. */
  output(): string {
    return [...this.process.lines, ...this.process.errorLines].join('\n');
  }

  transcript(): string {
    return this.process.transcript();
  }

  /** Ctrl-C, then require a clean exit (code 0). */
  async interrupt(): Promise<Exit> {
    this.process.signal('SIGINT');
    const exit = await this.process.waitForExit({
      timeoutMs: 15_000,
      what: `${this.label} to stop within 15 s of Ctrl-C (SIGINT)`,
      hint: 'on SIGINT, finish the Kafka transaction in flight, close the stream and disconnect',
      docs: 'docs/05-exactly-once.md#running-it',
    });
    check(exit.code === 0, {
      expected: `${this.label} to exit with code 0 after Ctrl-C`,
      got: describeExit(exit),
      docs: 'docs/05-exactly-once.md#running-it',
      transcript: this.transcript(),
    });
    return exit;
  }
}
