import { runMain } from '@cdc-lab/common';
import { pythonSetupCommand } from '../commands/python-setup.ts';

await runMain(() => pythonSetupCommand(process.argv.slice(2)));
