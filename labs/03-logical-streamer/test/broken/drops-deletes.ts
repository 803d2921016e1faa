/**
 * Broken on purpose: keeps BEGIN, COMMIT and the change lines it recognises — an allow-list of
 * INSERT and UPDATE that forgot DELETE — and drops every other line as noise. Deletes vanish
 * without a trace, the very blind spot of the poller that the log was meant to remove. The
 * deletes stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { LinePrinter } from '../../src/test-decoding/line-printer.ts';
import { printTransactions } from '../../src/test-decoding/print-transactions.ts';

const KNOWN_LINE = /^(?:BEGIN|COMMIT)\b|^table \S+: (?:INSERT|UPDATE):/;

class KnownLinesOnly extends LinePrinter {
  constructor(private readonly sink: LinePrinter) {
    super();
  }

  override async print(line: string): Promise<void> {
    if (KNOWN_LINE.test(line)) await this.sink.print(line);
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  printTransactions: (stream, printer, options) => printTransactions(stream, new KnownLinesOnly(printer), options),
}));
