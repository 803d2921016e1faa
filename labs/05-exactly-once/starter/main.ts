import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 5, the exactly-once producer: pnpm lab 5 [run | position] (see settings.ts for flags).
await runMain(() => runProgram(process.argv.slice(2)));
