import { runBridge, type BridgeParts } from './bridge.ts';
import { BridgeStream } from './capture/bridge-stream.ts';
import { forwardChanges } from './forward-changes.ts';
import { produceBatch } from './kafka/produce-batch.ts';
import { ProducePipeline } from './produce/pipeline.ts';
import { statusIntervalFor } from './replication-settings.ts';
import { parseCommand, USAGE } from './settings.ts';
import { tailTopics } from './tail/tail.ts';

export const referenceParts: BridgeParts = {
  // Confirms a keepalive's position once the bridge is caught up, so that an idle slot does
  // not hold WAL back and Postgres can shut down (it waits for the last WAL to be confirmed).
  Stream: BridgeStream,
  forward: forwardChanges,
  Pipeline: ProducePipeline,
  produce: produceBatch,
  statusInterval: statusIntervalFor,
};

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
      return tailTopics(command);
  }
}
