import { runMain } from '@cdc-lab/common';
import { progressCommand } from '../commands/progress.ts';

await runMain(() => progressCommand());
