import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 3, the logical streamer: pnpm lab 3 [stream | status | drop] (see settings.ts for flags).
await runMain(() => runProgram(process.argv.slice(2)));
