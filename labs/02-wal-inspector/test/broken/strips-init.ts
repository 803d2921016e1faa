import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: the parser drops the `+INIT` suffix of the record type (INSERT+INIT
// becomes INSERT), so its records no longer match what pg_walinspect reports.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  parseWaldumpLine: (line) => {
    const record = lessonSteps.parseWaldumpLine(line);
    return { ...record, type: record.type.replace(/\+INIT$/, '') };
  },
}));
