import { consume, consumerParts, type ConsumerParts } from './consumer/consume.ts';
import { relay } from './relay/relay.ts';
import { relayParts, type RelayParts } from './relay/relay-transactions.ts';
import { runCancel, runDemo, runOrder, serviceParts, type ServiceParts } from './service/commands.ts';
import { purge } from './service/purge.ts';
import { parseCommand, USAGE } from './settings.ts';
import { show } from './show.ts';

/** The pieces the lesson is made of; each broken variant of the grader swaps one. */
export type ProgramParts = ServiceParts & RelayParts & ConsumerParts;

export const referenceParts: ProgramParts = { ...serviceParts, ...relayParts, ...consumerParts };

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
