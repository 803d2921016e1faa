import crypto from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { HEARTBEAT_TABLE } from '../connector/helper-tables.ts';
import { eventLine } from './event-line.ts';
import { kafkaClient, topicsStartingWith } from './read-topics.ts';

const TOPIC_CHECK_MS = 2000;

/**
 * Print every record of every topic starting with `prefix`, from the beginning, until Ctrl-C.
 * Debezium creates a topic with a table's first event, and a subscription only covers topics
 * that exist when it is made: so the topic list is checked every two seconds and the consumer
 * re-subscribed when it grew. Its group keeps its place in between. The heartbeat table's
 * records (one every heartbeat.interval.ms) are left out: they say nothing about your data.
 */
export async function followEvents(brokers: string[], prefix: string, onStop: string): Promise<void> {
  const kafka = kafkaClient(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `cdc-lab-09-show-${crypto.randomUUID()}`;
  let stopping = false;
  let wake: () => void = () => {};
  const stop = () => {
    stopping = true;
    wake();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Showing the records of ${prefix}* (Ctrl-C stops showing; ${onStop})...`);
  let consumer: Consumer | undefined;
  let subscribed: string[] = [];
  try {
    while (!stopping) {
      const topics = (await topicsStartingWith(admin, prefix)).filter((topic) => !topic.endsWith(`.${HEARTBEAT_TABLE}`));
      if (topics.length !== subscribed.length) {
        await consumer?.disconnect();
        consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 200 });
        await consumer.connect();
        await consumer.subscribe({ topics, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ topic, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
          console.log(eventLine({ topic, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers }));
        } });
        subscribed = topics;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, TOPIC_CHECK_MS);
      });
    }
  } finally {
    await consumer?.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  console.log('Stopped showing events.');
}
