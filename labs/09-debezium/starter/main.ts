import { runMain } from '@cdc-lab/common';
import { LAB4_BRIDGE_COMMAND } from './compare/bridge.ts';
import { diffEvents } from './compare/diff.ts';
import { connectorConfig } from './connector/config.ts';
import { dropSlotAfterDelete } from './lifecycle/drop-slot.ts';
import { pauseConnector } from './lifecycle/pause.ts';
import { outboxRouterSettings } from './outbox/router.ts';
import { runProgram } from './program.ts';
import { requestIncrementalSnapshot } from './snapshot/signal.ts';

// Lab 9, Debezium on Kafka Connect: pnpm lab --starter 9 [run | status | … | compare | outbox].
// Your work is in the four files imported above; the rest of the program is the reference's.
await runMain(() => runProgram(process.argv.slice(2), process.env, {
  connectorConfig,
  dropSlotAfterDelete,
  diffEvents,
  requestIncrementalSnapshot,
  pauseConnector,
  outboxRouterSettings,
  bridgeCommand: LAB4_BRIDGE_COMMAND,
}));
process.exit();
