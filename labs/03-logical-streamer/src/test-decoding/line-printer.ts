import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Where the lines go: standard output, the "sink" of this lab. `print` resolves once the line
 * has been handed to the operating system, so that the caller may confirm it afterwards.
 *
 * --print-delay makes the sink slow on purpose (a teaching and testing aid): it widens the
 * window between receiving a change and having printed it, which is the window in which a
 * premature confirmation loses data.
 */
export class LinePrinter {
  constructor(private readonly out: NodeJS.WritableStream = process.stdout, private readonly delayMs = 0) {}

  async print(line: string): Promise<void> {
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (this.out.write(`${line}\n`)) return;
    await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
