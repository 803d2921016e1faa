import { runMain } from '@cdc-lab/common';
import { runPoller } from './poller.ts';
import { readSettings, USAGE } from './settings.ts';

/**
 * Lab 1 — the poller. `pnpm lab 1` runs this file: it polls poller.users by updated_at, prints
 * what changed, and keeps its bookmark in $CDC_STATE_DIR. Read docs/01-poller.md beside it.
 */
await runMain(async () => {
  const settings = readSettings(process.argv.slice(2));
  if (settings === 'help') {
    console.log(USAGE);
    return;
  }
  await runPoller(settings);
});
