/**
 * Broken on purpose: sends every record in a produce request of its own and waits for each
 * answer — correct, ordered, and a network round trip per change. The throughput stage must
 * reject it.
 */
import type { Producer } from 'kafkajs';
import { runMain } from '@cdc-lab/common';
import { ACKS_ALL } from '../../src/kafka/produce-batch.ts';
import type { RecordBatch } from '../../src/produce/record-batch.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

async function oneByOne(producer: Producer, batch: RecordBatch): Promise<void> {
  for (const { topic, messages } of batch.topicMessages()) {
    for (const message of messages) await producer.send({ topic, messages: [message], acks: ACKS_ALL });
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, produce: oneByOne }));
