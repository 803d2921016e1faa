/**
 * Broken on purpose: reads the offsets topic with read_uncommitted, so a position written by a
 * Kafka transaction that was aborted — a bridge that died between sending a batch and
 * committing it — counts as where Kafka is. The bridge then skips changes whose events no
 * read_committed consumer will ever see: lost. The aborted-position stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { decodePosition } from '../../src/position.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { readToEnd } from '../../src/read-to-end.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  readPosition: async (kafka, admin, offsets) => {
    const records = await readToEnd(kafka, admin, offsets.topic, { isolation: 'read_uncommitted' });
    const latest = records.filter((record) => record.key === offsets.key).at(-1);
    return latest?.value ? decodePosition(latest.value, offsets.topic) : null;
  },
}));
