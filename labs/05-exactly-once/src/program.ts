import { referenceParts, type BridgeParts } from './parts.ts';
import { runBridge, untilStopped } from './run-bridge.ts';
import { parseCommand, USAGE } from './settings.ts';
import { showPosition } from './show-position.ts';

/** The whole program, from its arguments; main.ts runs it, the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: BridgeParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'position':
      return showPosition(command.names);
    case 'run':
      return runBridge(command.settings, parts);
    case 'consume':
      return untilStopped((stop) => parts.consumeExactlyOnce(command.settings, stop));
  }
}
