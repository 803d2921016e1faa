/**
 * Broken on purpose: keeps trying to connect to Kafka until a broker answers, "to be
 * resilient". With a wrong KAFKA_BROKERS it waits for ever without a word, and the user never
 * learns what to fix. The broker-unreachable stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { connectKafka, type KafkaConnection } from '../../src/kafka/client.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

async function connectWhenever(...args: Parameters<typeof connectKafka>): Promise<KafkaConnection> {
  for (;;) {
    try {
      return await connectKafka(...args);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, connectKafka: connectWhenever }));
