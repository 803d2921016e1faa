import { CdcLabError } from '@cdc-lab/common';
import { compare } from './compare/compare.ts';
import { lifecycle } from './lifecycle/commands.ts';
import { outbox, outboxConnectorConfig } from './outbox/outbox.ts';
import { referenceParts, type ProgramParts } from './parts.ts';
import { mainConfig, printConfig, run } from './run.ts';
import { parseCommand, USAGE } from './settings.ts';
import { snapshot } from './snapshot/snapshot.ts';

/** The whole program, from its arguments; main.ts runs it, the starter and broken variants reuse it. */
export async function runProgram(argv: readonly string[], env: Record<string, string | undefined> = process.env, parts: ProgramParts = referenceParts): Promise<void> {
  const command = parseCommand(argv, env);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'run':
      return run(command.settings, command.names, parts);
    case 'config':
      return printConfig(command.settings, command.names, parts);
    case 'lifecycle':
      // The config is needed only to reach the offsets of a connector deleted earlier (delete --drop-slot).
      return lifecycle({ ...command, config: () => (command.outbox ? outboxConnectorConfig : mainConfig)(command.settings, command.names, parts) }, parts);
    case 'snapshot':
      return snapshot(command.settings, command.names, command.tables, parts);
    case 'outbox':
      return outbox(command.settings, command.names, parts);
    case 'compare': {
      const differences = await compare(command.settings, parts);
      const undocumented = differences.filter((difference) => !difference.documented).length;
      if (undocumented > 0) {
        throw new CdcLabError(`Debezium's events and lab 4's differ in ${undocumented} undocumented place(s)`, {
          hint: 'each is a bug in lab 4\'s envelope, or a difference to explain in compare/documented.ts and the chapter',
        });
      }
    }
  }
}
