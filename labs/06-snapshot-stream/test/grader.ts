import { defineGrader } from '@cdc-lab/grading';
import { incrementalSnapshot } from './stages/incremental-snapshot.ts';
import { initialSnapshot } from './stages/initial-snapshot.ts';
import { resumeAfterCrash } from './stages/resume-after-crash.ts';
import { snapshotLocks } from './stages/snapshot-locks.ts';

export const grader = defineGrader(6, [initialSnapshot, snapshotLocks, incrementalSnapshot, resumeAfterCrash]);
