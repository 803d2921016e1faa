import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 7, the transactional outbox: pnpm lab 7 <order | cancel | demo | relay | purge | consume | show> (see settings.ts).
await runMain(() => runProgram(process.argv.slice(2)));
