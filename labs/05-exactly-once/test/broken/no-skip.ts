/**
 * Broken on purpose: reads the position but does not skip what Kafka already has. After a
 * crash between a Kafka commit and the next status update, the slot sends those transactions
 * again and they are written twice. The resume-skips stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  alreadyInKafka: () => false,
}));
