import { defineLineFormats } from '@cdc-lab/grading';

/**
 * Lab 6's contract in code: every pattern a stage matches against what the program prints on
 * stdout, with a line of a real run of the reference that it accepts. The chapter's
 * "Contract" section shows each example. The graded table is always public.items. What the
 * stages check in Kafka and in CDC_STATE_DIR/snapshot.json is described in the chapter.
 */
export const lineFormats = defineLineFormats({
  snapshotOfTable: {
    name: 'the initial snapshot starts reading public.items',
    pattern: /^Snapshot of public\.items: /,
    example: 'Snapshot of public.items: 20000 rows in chunks of 1000',
  },
  snapshotComplete: {
    name: 'the initial snapshot has read every table',
    pattern: /^Snapshot complete: /,
    example: 'Snapshot complete: 20000 rows from 1 table in 2.9 s (6803 rows/s)',
  },
  listening: {
    name: 'the program streams from the slot',
    pattern: /^Listening on slot /,
    example: "Listening on slot 'cdc_lab_06' from 0/C2C6EA8 (consistent point 0/C2C6EA8)...",
  },
  incrementalChunk: {
    name: 'a chunk of an incremental snapshot of public.items, emitted at its high watermark',
    pattern: /^Incremental snapshot chunk of public\.items/,
    example: 'Incremental snapshot chunk of public.items: 1000 rows kept, 0 dropped (changed inside the window)',
  },
  incrementalPaused: {
    name: 'a pause-snapshot signal was received',
    pattern: /^Incremental snapshot paused/,
    example: 'Incremental snapshot paused',
  },
  incrementalComplete: {
    name: 'the incremental snapshot of public.items has read its last chunk',
    pattern: /^Incremental snapshot of public\.items complete/,
    example: 'Incremental snapshot of public.items complete: 20000 rows',
  },
});
