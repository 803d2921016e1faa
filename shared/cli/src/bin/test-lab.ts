import { runMain } from '@cdc-lab/common';
import { testLabCommand } from '../commands/test-lab.ts';

await runMain(() => testLabCommand(process.argv.slice(2)));
