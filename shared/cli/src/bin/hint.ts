import { runMain } from '@cdc-lab/common';
import { hintCommand } from '../commands/hint.ts';

await runMain(() => hintCommand(process.argv.slice(2)));
