/**
 * Broken on purpose: on Ctrl-C it exits at once — no flush, no confirmation, no last status
 * update — so the slot stays where the last periodic update left it and the next run produces
 * everything since again. The shutdown stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { runProgram } from '../../src/program.ts';

// Registered before the bridge's own handler, so it runs first and the bridge's never does.
process.on('SIGINT', () => process.exit(0));

await runMain(() => runProgram(process.argv.slice(2)));
