/**
 * Broken on purpose: creates the offsets topic with the broker's default cleanup policy,
 * delete, instead of compact. Everything works for a week — then retention removes the
 * position with the old segments, and the next start finds none and writes everything the slot
 * still holds a second time. The position-record stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  ensureOffsetsTopic: async (admin, { topic }) => {
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    return created ? 'created' : 'existing';
  },
}));
