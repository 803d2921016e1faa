import { runMain } from '@cdc-lab/common';
import { observeCommand } from './main.ts';

await runMain(() => observeCommand(process.argv.slice(2)));
