/**
 * Broken on purpose: forgets what Kafka acknowledged while --confirm-delay runs, so Ctrl-C
 * within the delay confirms nothing and the next run produces those transactions again. The
 * shutdown stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { Acknowledger } from '../../src/position/acknowledger.ts';
import { runProgram } from '../../src/program.ts';

Acknowledger.prototype.confirmAcknowledgedNow = () => null;

await runMain(() => runProgram(process.argv.slice(2)));
