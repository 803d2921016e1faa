import type { CompareParts } from './compare/compare.ts';
import { LAB4_BRIDGE_COMMAND } from './compare/bridge.ts';
import { diffEvents } from './compare/diff.ts';
import { connectorConfig } from './connector/config.ts';
import { deleteConnectorAndSlot, dropSlotAfterDelete } from './lifecycle/drop-slot.ts';
import { pauseConnector } from './lifecycle/pause.ts';
import { outboxRouterSettings } from './outbox/router.ts';
import { requestIncrementalSnapshot } from './snapshot/signal.ts';

/** The pieces lab 9's lesson is made of; the starter swaps in the learner's, each broken variant one of its own. */
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
