import { runMain } from '@cdc-lab/common';
import { bitesCommand } from '../commands/bites.ts';

await runMain(() => bitesCommand(process.argv.slice(2)));
