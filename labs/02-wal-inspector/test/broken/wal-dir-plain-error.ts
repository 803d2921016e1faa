/**
 * Broken on purpose: when pg_wal cannot be read here, throws a plain error with the right
 * message and hint instead of the "pg_waldump unavailable" kind. --backend waldump still fails
 * clearly, but --backend auto can no longer tell a problem pg_walinspect works around, and a
 * user whose server runs on another host gets an error instead of the records. The
 * auto-fallback stage must reject it.
 */
import { CdcLabError, runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  findWalDirectory: (client, override) => lessonSteps.findWalDirectory(client, override).catch((error: unknown) => {
    if (!(error instanceof CdcLabError)) throw error;
    throw new CdcLabError(error.message, error.hint === undefined ? {} : { hint: error.hint });
  }),
}));
