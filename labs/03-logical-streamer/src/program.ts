import { dropSlot } from './drop.ts';
import { listen, type StreamerParts } from './listen.ts';
import { ReplicationStream } from './replication/index.ts';
import { parseCommand, USAGE } from './settings.ts';
import { showStatus } from './status.ts';
import { CaughtUpStream } from './test-decoding/caught-up-stream.ts';
import { printTransactions } from './test-decoding/print-transactions.ts';

/** The stream command's pieces and the two slot commands, so that a broken variant can swap one. */
export interface ProgramParts extends StreamerParts {
  showStatus: typeof showStatus;
  dropSlot: typeof dropSlot;
}

export const referenceParts: ProgramParts = { Stream: ReplicationStream, CaughtUpStream, printTransactions, showStatus, dropSlot };

/** The whole program, from its arguments; main.ts runs it, the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: ProgramParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'status':
      return parts.showStatus(command);
    case 'drop':
      return parts.dropSlot(command);
    case 'stream':
      return listen(command, parts);
  }
}
