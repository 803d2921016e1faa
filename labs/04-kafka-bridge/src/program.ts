import { Partitioners } from 'kafkajs';
import { runBridge, type BridgeParts } from './bridge.ts';
import { BridgeStream } from './capture/bridge-stream.ts';
import { ensurePublication, readCatalog } from './capture/index.ts';
import { kafkaRecordsFor, serializeRecord } from './envelope/index.ts';
import { commitArrived, forwardChanges } from './forward-changes.ts';
import { connectKafka } from './kafka/client.ts';
import { produceBatch } from './kafka/produce-batch.ts';
import { decodePgoutput } from './pgoutput/index.ts';
import { ProducePipeline } from './produce/pipeline.ts';
import { statusIntervalFor } from './replication-settings.ts';
import { parseCommand, USAGE } from './settings.ts';
import { digest } from './tail/event-line.ts';
import { tailTopics } from './tail/tail.ts';

export const referenceParts: BridgeParts = {
  ensurePublication,
  readCatalog,
  connectKafka,
  // murmur2 of the key bytes, as Java clients (and so Debezium) pick partitions.
  partitioner: Partitioners.DefaultPartitioner,
  // Confirms a keepalive's position once the bridge is caught up, so that an idle slot does
  // not hold WAL back and Postgres can shut down (it waits for the last WAL to be confirmed).
  Stream: BridgeStream,
  forward: forwardChanges,
  decode: decodePgoutput,
  kafkaRecordsFor,
  serializeRecord,
  commitArrived,
  Pipeline: ProducePipeline,
  produce: produceBatch,
  statusInterval: statusIntervalFor,
  tailDigest: digest,
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
      return tailTopics(command, parts.tailDigest);
  }
}
