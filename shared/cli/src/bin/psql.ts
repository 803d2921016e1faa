import { runMain } from '@cdc-lab/common';
import { psqlCommand } from '../commands/psql.ts';

await runMain(() => psqlCommand(process.argv.slice(2)));
