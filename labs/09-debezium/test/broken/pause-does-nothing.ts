/**
 * Broken on purpose: `pause` says it paused but asks Kafka Connect for nothing, so the
 * connector goes on streaming. The pause-resume stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, pauseConnector: async () => {} }));
process.exit();
