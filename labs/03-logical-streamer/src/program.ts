import { dropSlot } from './drop.ts';
import { listen, type StreamerParts } from './listen.ts';
import { ReplicationStream } from './replication/index.ts';
import { parseCommand, USAGE } from './settings.ts';
import { showStatus } from './status.ts';
import { printTransactions } from './test-decoding/print-transactions.ts';

export const referenceParts: StreamerParts = { Stream: ReplicationStream, printTransactions };

/** The whole program, from its arguments; main.ts runs it, the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: StreamerParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'status':
      return showStatus(command);
    case 'drop':
      return dropSlot(command);
    case 'stream':
      return listen(command, parts);
  }
}
