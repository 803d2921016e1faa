import { runMain } from '@cdc-lab/common';
import { inspect } from '../../src/inspect.ts';
import { lessonSteps } from '../../src/parts.ts';

// Broken on purpose: names the segment after the one that holds the position (a segment
// count that starts at 1), with the right offset.
await runMain(() => inspect(process.argv.slice(2), {
  ...lessonSteps,
  segmentOf: (lsn, segmentSize, timeline) => {
    const next = lessonSteps.segmentOf(lsn.plus(segmentSize), segmentSize, timeline);
    return { ...next, offset: lessonSteps.segmentOf(lsn, segmentSize, timeline).offset };
  },
}));
