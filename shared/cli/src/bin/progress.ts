import { runMain } from '@cdc-lab/common';
import { progressCommand } from '../commands/progress.ts';

await runMain(() => progressCommand(process.argv.slice(2)));
