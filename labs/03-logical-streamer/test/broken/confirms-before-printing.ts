/**
 * Broken on purpose: confirms each transaction when its COMMIT arrives, then prints it. A crash
 * in between loses the transaction for good; the confirm-after-print stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { ReplicationStream } from '../../src/replication/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import type { LinePrinter } from '../../src/test-decoding/line-printer.ts';
import { confirmPrinted, type PrintOptions } from '../../src/test-decoding/print-transactions.ts';

async function confirmThenPrint(stream: ReplicationStream, printer: LinePrinter, options: PrintOptions): Promise<void> {
  for await (const message of stream) {
    const line = message.data.toString('utf8');
    if (options.confirm) confirmPrinted(stream, message, line);
    await printer.print(line);
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, printTransactions: confirmThenPrint }));
