import { referenceParts, type ProgramParts } from './parts.ts';
import { RegistryClient } from './registry/rest.ts';
import { setSubjectCompatibility } from './registry/set-compatibility.ts';
import { parseCommand, USAGE } from './settings.ts';
import { printSizes } from './sizes/sizes.ts';
import { runBridge } from './stream/bridge.ts';
import { tailTopics } from './tail/tail.ts';

/** The whole program, from its arguments; main.ts runs it, the starter and the broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: ProgramParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'stream':
      return runBridge(command, parts);
    case 'tail':
      return tailTopics(command, parts);
    case 'sizes':
      return printSizes(command.stateDir, command.topicPrefix);
    case 'compatibility':
      await setSubjectCompatibility(new RegistryClient(command.registryUrl), command.subject, command.level);
      console.log(`Subject ${command.subject}: compatibility ${command.level}`);
      return;
  }
}
