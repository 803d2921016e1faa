/**
 * Broken on purpose: the consumer counts each event in a database transaction of its own but
 * keeps no offset, so every start reads the topic from the beginning and counts it all again —
 * the shape of a consumer that trusts nothing but "it was delivered". The first life is right;
 * the first restart doubles every count. The exactly-once-consumer stage must reject it.
 */
import pg from 'pg';
import { runMain } from '@cdc-lab/common';
import { accountIdOf, consumerGroup, countEvent, prepareTables } from '../../src/count-events.ts';
import { kafkaClient } from '../../src/kafka-client.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  consumeExactlyOnce: async (settings, stop) => {
    const db = new pg.Client({ connectionString: settings.connectionString });
    await db.connect();
    await prepareTables(db);
    const consumer = kafkaClient(settings.brokers).consumer({ groupId: consumerGroup(), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = accountIdOf(message.key);
        if (id !== null && message.value !== null) await countEvent(db, id);
      },
    });
    console.log(`Consuming '${settings.topic}' from the beginning, keeping no offset`);
    await stop.stopped();
    await consumer.disconnect();
    await db.end();
  },
}));
