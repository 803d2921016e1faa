import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 6, snapshot and stream: pnpm lab 6 [--snapshot initial|no_data] [--chunk-size N] [--signal-schema public].
await runMain(() => runProgram(process.argv.slice(2)));
// kafkajs may keep retrying in the background after a failure: do not let it keep us alive.
process.exit();
