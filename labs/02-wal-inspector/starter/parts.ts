import { captureTransaction } from './capture-range.ts';
import { checkWaldumpVersion, findWaldump } from '../src/find-waldump.ts';
import type { LessonSteps } from '../src/lesson.ts';
import { segmentOf } from './segments.ts';
import { classifyRecord } from './transaction-filter.ts';
import { findWalDirectory } from '../src/wal-directory.ts';
import { explainWaldumpFailure } from '../src/waldump-failure.ts';
import { parseWaldumpLine } from './waldump-parser.ts';

/** The program's steps, as written in this folder. */
export const lessonSteps: LessonSteps = {
  // The lesson: yours to write in the starter.
  captureTransaction,
  parseWaldumpLine,
  classifyRecord,
  segmentOf,
  // Given.
  findWaldump,
  checkWaldumpVersion,
  findWalDirectory,
  explainWaldumpFailure,
};
