import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: ignores PG_WAL_DIR and --wal-dir, and always asks the server.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  findWalDirectory: (client) => lessonSteps.findWalDirectory(client),
}));
