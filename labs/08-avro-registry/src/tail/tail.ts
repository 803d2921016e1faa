import crypto from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaError } from '@cdc-lab/common';
import { writeJson, type JsonValue } from '@cdc-lab/04-kafka-bridge/json';
import { explainKafkaError } from '@cdc-lab/04-kafka-bridge/kafka/errors';
import { eventLine } from '@cdc-lab/04-kafka-bridge/tail/event-line';
import { topicsToTail } from '@cdc-lab/04-kafka-bridge/tail/topics-to-tail';
import type { ProgramParts } from '../parts.ts';
import type { TailCommand } from '../settings.ts';
import { RegistryDecoder } from './registry-decoder.ts';

/**
 * `pnpm lab 8 tail`: lab 4's console consumer, with one step more — every key and value goes
 * through the registry (header → schema id → schema → Avro body → value) before it is printed
 * in lab 4's form, `key=<key> <value>`.
 */
export async function tailTopics(command: TailCommand, parts: Pick<ProgramParts, 'unframe'>): Promise<void> {
  const kafka = new Kafka({ clientId: 'cdc-lab-08-tail', brokers: command.brokers, connectionTimeout: 3_000, retry: { retries: 4, initialRetryTime: 250, maxRetryTime: 1_000 }, logLevel: logLevel.NOTHING });
  const decoder = new RegistryDecoder(command.registryUrl, parts.unframe);
  const topics = await topicsToTail(kafka, command, 'pnpm lab 8');
  const consumer = kafka.consumer({ groupId: `cdc-lab-08-tail-${crypto.randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  let printed = 0;
  let failure: unknown;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  process.on('SIGINT', finish);
  process.on('SIGTERM', finish);
  consumer.on(consumer.events.GROUP_JOIN, () => {
    const what = topics.length === 1 ? topics[0]! : `${topics.length} topics under ${command.topicPrefix}.`;
    console.error(`Tailing ${what} ${command.fromBeginning ? 'from the beginning' : 'from the end'}, decoding through the registry (Ctrl-C stops)...`);
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    failure ??= payload.error;
    finish();
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: command.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, message }) => {
        if (command.maxMessages !== undefined && printed >= command.maxMessages) return;
        try {
          const key = message.key ? asJsonText((await decoder.decode(message.key)).value) : null;
          const value = message.value ? asJsonText((await decoder.decode(message.value)).value) : null;
          console.log(eventLine({ topic, key, value }, { showTopic: command.topic === undefined, full: command.full }));
        } catch (error) {
          failure ??= error;
          finish();
          return;
        }
        printed += 1;
        if (command.maxMessages !== undefined && printed >= command.maxMessages) finish();
      },
    });
    await finished;
  } catch (error) {
    throw explainKafkaError(error, command.brokers);
  } finally {
    process.off('SIGINT', finish);
    process.off('SIGTERM', finish);
    await consumer.disconnect().catch(() => {});
  }
  if (failure instanceof SchemaError) throw failure;
  if (failure !== undefined) throw explainKafkaError(failure, command.brokers);
}

/** A decoded Avro value as JSON text: bigints with every digit (lab 4's writer), bytes as base64. */
function asJsonText(value: unknown): string {
  return writeJson(toJson(value));
}

function toJson(value: unknown): JsonValue {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, toJson(member)]));
  }
  return value as JsonValue;
}
