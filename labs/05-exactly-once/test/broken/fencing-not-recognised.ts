/**
 * Broken on purpose: never recognises being fenced, so INVALID_PRODUCER_EPOCH is a failure
 * like any other and the bridge starts a new session — whose InitProducerId fences the newer
 * instance in turn. Two instances then take the transactional id from each other for ever, and
 * neither stops. The fencing stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  asFencedError: () => null,
}));
