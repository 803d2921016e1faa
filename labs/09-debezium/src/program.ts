import { compare, type CompareParts } from './compare/compare.ts';
import { LAB4_BRIDGE_COMMAND } from './compare/bridge.ts';
import { diffEvents } from './compare/diff.ts';
import { connectorConfig } from './connector/config.ts';
import { deleteConnectorAndSlot, dropSlotAfterDelete } from './lifecycle/drop-slot.ts';
import { lifecycle } from './lifecycle/commands.ts';
import { pauseConnector } from './lifecycle/pause.ts';
import { outbox, outboxConnectorConfig } from './outbox/outbox.ts';
import { outboxRouterSettings } from './outbox/router.ts';
import { mainConfig, printConfig, run } from './run.ts';
import { parseCommand, USAGE } from './settings.ts';
import { requestIncrementalSnapshot } from './snapshot/signal.ts';
import { snapshot } from './snapshot/snapshot.ts';
import { CdcLabError } from '@cdc-lab/common';

/** The pieces the lesson is made of; the starter swaps in the learner's, each broken variant one of its own. */
export interface ProgramParts extends CompareParts {
  requestIncrementalSnapshot: typeof requestIncrementalSnapshot;
  pauseConnector: typeof pauseConnector;
  deleteConnectorAndSlot: typeof deleteConnectorAndSlot;
  outboxRouterSettings: typeof outboxRouterSettings;
}

export const referenceParts: ProgramParts = {
  connectorConfig,
  dropSlotAfterDelete,
  deleteConnectorAndSlot,
  diffEvents,
  requestIncrementalSnapshot,
  pauseConnector,
  outboxRouterSettings,
  bridgeCommand: LAB4_BRIDGE_COMMAND,
};

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
