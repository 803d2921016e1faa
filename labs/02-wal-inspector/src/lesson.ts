import type { CdcLabError, Lsn } from '@cdc-lab/common';
import type pg from 'pg';
import type { WalRange } from './capture-range.ts';
import type { WaldumpExitError } from './errors.ts';
import type { WaldumpProgram, WaldumpSearch } from './find-waldump.ts';
import type { SegmentPosition } from './segments.ts';
import type { RecordOwner } from './transaction-filter.ts';
import type { WalDirectory } from './wal-directory.ts';
import type { WalRecord } from './wal-record.ts';

/**
 * The steps this lab is about, one function each. The rest of the program (running the
 * statements, the pg_walinspect backend, naming relations, printing) is given; these are what
 * the starter leaves to you, and what the grader's broken variants get wrong on purpose.
 */
export interface LessonSteps {
  /** Where is pg_waldump? (find-waldump.ts) */
  findWaldump(search: WaldumpSearch): WaldumpProgram;
  /** Is it the server's major version? (find-waldump.ts) */
  checkWaldumpVersion(program: WaldumpProgram, versionOutput: string, serverMajor: number): number;
  /** Where is pg_wal, and can this user read it? (wal-directory.ts) */
  findWalDirectory(client: pg.Client, override?: { path: string; source: string }): Promise<WalDirectory>;
  /** What did pg_waldump's failure mean? (waldump-failure.ts) */
  explainWaldumpFailure(failure: WaldumpExitError, range: WalRange, walDirectory: string): CdcLabError;
  /** One line of pg_waldump output as a typed record. (waldump-parser.ts) */
  parseWaldumpLine(line: string): WalRecord;
  /** Whose record is it: the transaction's, background work's, another transaction's? (transaction-filter.ts) */
  classifyRecord(record: WalRecord, xid: number): RecordOwner;
  /** Which segment file holds a position, at which byte offset? (segments.ts) */
  segmentOf(lsn: Lsn, segmentSize: number, timeline: number): SegmentPosition;
}
