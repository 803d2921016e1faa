import { runMain } from '@cdc-lab/common';
import { REFERENCE_STEPS, type PollerSteps } from '../../src/parts.ts';
import { runPoller } from '../../src/poller.ts';
import { readSettings, USAGE, type Settings } from '../../src/settings.ts';

/**
 * Run the reference with one step swapped for a wrong one. Each file in this folder is such
 * a program, and test/bites.test.ts names the stage that must reject it.
 */
export async function runVariant(steps: Partial<PollerSteps>, adjust: (settings: Settings) => Settings = (settings) => settings): Promise<void> {
  await runMain(async () => {
    const settings = readSettings(process.argv.slice(2));
    if (settings === 'help') {
      console.log(USAGE);
      return;
    }
    await runPoller(adjust(settings), { ...REFERENCE_STEPS, ...steps });
  });
}
