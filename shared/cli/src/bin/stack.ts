import { runMain } from '@cdc-lab/common';
import { stackCommand } from '../commands/stack.ts';

await runMain(() => stackCommand(process.argv.slice(2)));
