/**
 * Broken on purpose: commits the events in one Kafka transaction and the position in a second
 * one — the shape of every store kept apart from the events (a file, a Postgres table). A
 * crash between the two commits leaves events in Kafka that the stored position does not
 * cover: the next run writes them again. The crash stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { encodePosition } from '../../src/position.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  writeBatch: async (producer, batch, offsets) => {
    const events = await producer.transaction();
    await events.sendBatch({ topicMessages: batch.topicMessages() });
    await events.commit();
    const position = await producer.transaction();
    await position.send({ topic: offsets.topic, messages: [{ key: offsets.key, value: encodePosition(batch.position!) }] });
    await position.commit();
  },
}));
