import { runMain } from '@cdc-lab/common';
import { labCommand } from '../commands/lab.ts';

await runMain(() => labCommand(process.argv.slice(2)));
