import { listen } from './listen.ts';
import { referenceParts, type ProgramParts } from './parts.ts';
import { parseCommand, USAGE } from './settings.ts';

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
