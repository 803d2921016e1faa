import { check, describeExit, fail, type Exit, type LabProcess, type StageContext } from '@cdc-lab/grading';

/** Slot creation waits for transactions running anywhere on the server: be patient once. */
const LISTENING_TIMEOUT_MS = 30_000;
const LINE_TIMEOUT_MS = 15_000;

export interface StreamerOptions {
  args?: string[];
  env?: Record<string, string>;
  label?: string;
}

/** One run of the program under test, read as test_decoding lines. */
export class StreamerRun {
  private constructor(readonly process: LabProcess, readonly docs: string, readonly label: string, readonly slot: string) {}

  /** Start the streamer and wait for `Listening on slot '<slot>'...`. */
  static async start(ctx: StageContext, options: StreamerOptions = {}): Promise<StreamerRun> {
    const run = StreamerRun.launch(ctx, options);
    await run.process.waitForLine(`Listening on slot '${run.slot}'...`, {
      timeoutMs: LISTENING_TIMEOUT_MS,
      what: `${run.label} to print "Listening on slot '${run.slot}'..." once streaming has started`,
      hint: 'open a replication connection (replication=database), create the slot with test_decoding if it is missing, send START_REPLICATION, then print the line',
      docs: 'docs/03-logical-streamer.md#replication-connections',
    });
    return run;
  }

  /** Start a process of the program without waiting for anything (commands, expected failures). */
  static launch(ctx: StageContext, options: StreamerOptions = {}): StreamerRun {
    const label = options.label ?? 'your program';
    const slot = options.env?.CDC_SLOT ?? ctx.names.slot;
    const child = ctx.start({ args: options.args ?? [], env: options.env ?? {}, label });
    return new StreamerRun(child, ctx.stage.docs, label, slot);
  }

  get mark(): number {
    return this.process.lines.length;
  }

  /** Wait for transaction `xid` to be printed whole, and return its lines, BEGIN to COMMIT. */
  async waitForTransaction(xid: string | number, { from = 0, hint, timeoutMs = LINE_TIMEOUT_MS }: { from?: number; hint?: string; timeoutMs?: number } = {}): Promise<string[]> {
    const commit = await this.process.waitForLine((line) => line === `COMMIT ${xid}`, {
      from,
      timeoutMs,
      what: `${this.label} to print transaction ${xid}: "BEGIN ${xid}", its changes, "COMMIT ${xid}"`,
      hint: hint ?? 'print the text of every XLogData message as it arrives (test_decoding writes one line per message)',
      docs: this.docs,
    });
    const begin = this.process.lines.lastIndexOf(`BEGIN ${xid}`, commit.index);
    if (begin < from) {
      fail({ expected: `"BEGIN ${xid}" before "COMMIT ${xid}"`, got: 'a COMMIT line without its BEGIN', docs: this.docs, transcript: this.transcript() });
    }
    return this.process.lines.slice(begin, commit.index + 1);
  }

  /** Whether transaction `xid` was printed (its COMMIT line), from line `from` on. */
  printed(xid: string | number, from = 0): boolean {
    return this.process.linesMatching((line) => line === `COMMIT ${xid}`, from).length > 0;
  }

  /** Give the line a moment to travel through the pipe, then say whether it came. */
  async printedWithin(xid: string | number, graceMs: number): Promise<boolean> {
    const deadline = Date.now() + graceMs;
    while (!this.printed(xid) && Date.now() < deadline && !this.process.hasExited) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.printed(xid);
  }

  /** Ctrl-C, then require a clean exit (code 0) within `timeoutMs`. */
  async interrupt({ hint, timeoutMs = 10_000 }: { hint?: string; timeoutMs?: number } = {}): Promise<Exit> {
    this.process.signal('SIGINT');
    const exit = await this.process.waitForExit({
      timeoutMs,
      what: `${this.label} to stop within ${timeoutMs / 1000} s of Ctrl-C (SIGINT)`,
      hint: hint ?? 'on SIGINT, let the loop end, send a last status update, end the copy stream (CopyDone) and close the connection',
      docs: 'docs/03-logical-streamer.md#shutting-down',
    });
    await this.drained();
    check(exit.code === 0 && exit.signal === null, {
      expected: `${this.label} to exit with code 0 after Ctrl-C (SIGINT)`,
      got: describeExit(exit),
      hint: hint ?? 'stopping on request is not a failure: handle SIGINT, close the stream and return from main',
      docs: 'docs/03-logical-streamer.md#shutting-down',
      transcript: this.transcript(),
    });
    return exit;
  }

  /** Wait for a command (status, drop, an expected failure) to finish, output included. */
  async finished(what: string): Promise<Exit> {
    const exit = await this.process.waitForExit({ timeoutMs: 20_000, what, docs: this.docs });
    await this.drained();
    return exit;
  }

  /**
   * LabProcess settles on the child's 'exit' event, when its last output may still be in the
   * pipes (Node emits 'close' only once they are drained). A moment is enough to read it.
   */
  async drained(): Promise<void> {
    await this.process.exited;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /** Everything the program said, both streams, for checks on messages. */
  output(): string {
    return [...this.process.lines, ...this.process.errorLines].join('\n');
  }

  transcript(): string {
    return this.process.transcript();
  }
}
