import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 8, Avro and a schema registry: pnpm lab 8 [tail | sizes] (see settings.ts).
await runMain(() => runProgram(process.argv.slice(2)));
