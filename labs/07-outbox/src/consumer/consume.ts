import { withClient } from '../database.ts';
import { ensureTopics, kafkaClient } from '../kafka.ts';
import { ensureBillingSchema } from '../schema.ts';
import type { Command } from '../settings.ts';
import { ORDER_AGGREGATE, outboxTopic } from '../topics.ts';
import { applyToBalances } from './balances.ts';
import { consumedEvent } from './consumed-event.ts';
import { applyOnce } from './inbox.ts';

/** The consumer's step that carries the lesson; the grader's broken variant swaps it. */
export interface ConsumerParts {
  applyOnce: typeof applyOnce;
}

export const consumerParts: ConsumerParts = { applyOnce };

/**
 * The billing service: reads the order events and keeps customer balances. Kafka delivers at
 * least once — the relay may have sent an event twice, and this consumer may see one again
 * after a crash before its offset was committed — so every event goes through the inbox.
 * Offsets are committed (by kafkajs) only after an event's transaction has committed.
 */
export async function consume(command: Extract<Command, { kind: 'consume' }>, parts: ConsumerParts): Promise<void> {
  await withClient(command.connectionString, async (client) => {
    await ensureBillingSchema(client);
    const kafka = kafkaClient(command.brokers, 'cdc-lab-07-consumer');
    const topic = outboxTopic(command.topicPrefix, ORDER_AGGREGATE);
    // Subscribing to a topic nobody has written yet is fine once it exists.
    await ensureTopics(kafka, [topic]);
    const consumer = kafka.consumer({ groupId: command.group, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });

    let failure: unknown;
    let stopRequested = false;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const onSignal = () => {
      if (stopRequested) process.exit(130);
      stopRequested = true;
      finish();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (failure !== undefined) throw failure;
          try {
            const event = consumedEvent(message, `${topic}[${partition}]@${message.offset}`);
            const outcome = await parts.applyOnce(client, event, applyToBalances);
            const what = `${event.type} ${event.id} (order ${event.aggregateid})`;
            console.log(outcome.kind === 'applied' ? `applied ${what}: ${outcome.change}` : `skipped duplicate ${what}: the inbox has it already`);
          } catch (error) {
            // Throwing keeps kafkajs from committing this offset; then stop for good.
            failure = error;
            finish();
            throw error;
          }
        },
      });
      console.log(`Consuming ${topic} as group '${command.group}'...`);
      await finished;
    } finally {
      await consumer.disconnect().catch(() => {});
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (failure !== undefined) throw failure;
    console.log('Stopped.');
  });
}
