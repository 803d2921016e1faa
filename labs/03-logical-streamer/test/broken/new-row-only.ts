/**
 * Broken on purpose: tidies an UPDATE down to its new row, cutting test_decoding's
 * "old-key: … new-tuple:" part so that every UPDATE line looks alike. The old row that
 * REPLICA IDENTITY FULL pays WAL for is thrown away, and when a key changes the consumer no
 * longer knows which row was renamed. The replica-identity stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { LinePrinter } from '../../src/test-decoding/line-printer.ts';
import { printTransactions } from '../../src/test-decoding/print-transactions.ts';

class NewRowOnly extends LinePrinter {
  constructor(private readonly sink: LinePrinter) {
    super();
  }

  override print(line: string): Promise<void> {
    return this.sink.print(line.replace(/ old-key: .* new-tuple:/, ''));
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  printTransactions: (stream, printer, options) => printTransactions(stream, new NewRowOnly(printer), options),
}));
