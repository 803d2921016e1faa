import { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { runBridge, type BridgeParts } from './bridge.ts';
import { forwardChanges } from './forward-changes.ts';
import { produceBatch } from './kafka/produce-batch.ts';
import { ProducePipeline } from './produce/pipeline.ts';
import { statusIntervalFor } from './replication-settings.ts';
import { parseCommand, USAGE } from './settings.ts';
import { tailTopics } from './tail/tail.ts';

export const referenceParts: BridgeParts = {
  Stream: ReplicationStream,
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
