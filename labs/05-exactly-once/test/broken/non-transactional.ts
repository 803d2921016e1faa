/**
 * Broken on purpose: an idempotent producer without a transactional id — the events, then the
 * position, each sent on its own. Nothing ties them together, a crash in between duplicates,
 * and no newer instance can fence this one. The streams stage must reject it: a topic written
 * without transactions has no commit markers.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { encodePosition } from '../../src/position.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  createProducer: (kafka) => kafka.producer({ idempotent: true, maxInFlightRequests: 1 }),
  fenceEarlierInstances: async () => {},
  writeBatch: async (producer, batch, offsets) => {
    await producer.sendBatch({ topicMessages: batch.topicMessages() });
    await producer.send({ topic: offsets.topic, messages: [{ key: offsets.key, value: encodePosition(batch.position!) }] });
  },
}));
