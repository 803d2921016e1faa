import { consume } from './consumer/consume.ts';
import { referenceParts, type ProgramParts } from './parts.ts';
import { relay } from './relay/relay.ts';
import { runCancel, runDemo, runOrder } from './service/commands.ts';
import { purge } from './service/purge.ts';
import { parseCommand, USAGE } from './settings.ts';
import { show } from './show.ts';

/** The whole program, from its arguments; main.ts runs it, the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: ProgramParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'order':
      return runOrder(command, parts);
    case 'cancel':
      return runCancel(command, parts);
    case 'demo':
      return runDemo(command, parts);
    case 'purge':
      return purge(command);
    case 'show':
      return show(command);
    case 'relay':
      return relay(command, parts);
    case 'consume':
      return consume(command, parts);
  }
}
