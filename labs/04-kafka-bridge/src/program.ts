import { runBridge, type BridgeParts } from './bridge.ts';
import { referenceParts } from './parts.ts';
import { parseCommand, USAGE } from './settings.ts';
import { tailTopics } from './tail/tail.ts';

/** The whole program, from its arguments; main.ts runs it, the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: BridgeParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'stream':
      return runBridge(command, parts);
    case 'tail':
      return tailTopics(command, parts.tailDigest);
  }
}
