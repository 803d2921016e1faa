/**
 * Broken on purpose: lets an error that ends the stream through as the driver gave it, without
 * lab 3's explanation. For a value that is not UTF-8 the user reads "invalid byte sequence for
 * encoding UTF8" and no word of SQL_ASCII, of the slot that will stop there every time, or of
 * the ways out. The not-utf8 stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { ReplicationStreamOptions, XLogData } from '@cdc-lab/03-logical-streamer/replication';
import { BridgeStream } from '../../src/capture/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

class RawErrorStream extends BridgeStream {
  static override async open(options: ReplicationStreamOptions): Promise<BridgeStream> {
    return super.open(options);
  }

  override async *[Symbol.asyncIterator](): AsyncIterator<XLogData> {
    const messages = super[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<XLogData>;
      try {
        next = await messages.next();
      } catch (error) {
        // Lab 3's explanation keeps the driver's error as its cause: hand that on instead.
        throw (error as { cause?: unknown }).cause ?? error;
      }
      if (next.done) return;
      yield next.value;
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, Stream: RawErrorStream }));
