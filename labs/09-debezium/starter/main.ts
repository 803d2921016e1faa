import { runMain } from '@cdc-lab/common';
import { LAB4_BRIDGE_COMMAND } from '../src/compare/bridge.ts';
import { diffEvents } from '../src/compare/diff.ts';
import { connectorConfig } from '../src/connector/config.ts';
import { deleteConnectorAndSlot, dropSlotAfterDelete } from './lifecycle/drop-slot.ts';
import { pauseConnector } from '../src/lifecycle/pause.ts';
import { outboxRouterSettings } from './outbox/router.ts';
import { runProgram } from '../src/program.ts';
import { requestIncrementalSnapshot } from './snapshot/signal.ts';

// Lab 9, Debezium on Kafka Connect: pnpm lab --starter 9 [run | status | … | compare | outbox].
// Your work is in connector/debezium-settings.ts (which connector/config.ts uses),
// snapshot/signal.ts, lifecycle/drop-slot.ts and outbox/router.ts; the rest is the reference's.
await runMain(() => runProgram(process.argv.slice(2), process.env, {
  connectorConfig,
  dropSlotAfterDelete,
  deleteConnectorAndSlot,
  diffEvents,
  requestIncrementalSnapshot,
  pauseConnector,
  outboxRouterSettings,
  bridgeCommand: LAB4_BRIDGE_COMMAND,
}));
process.exit();
