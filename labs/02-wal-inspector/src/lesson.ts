import type { CdcLabError, Lsn } from '@cdc-lab/common';
import type pg from 'pg';
import type { CaptureTransaction, WalRange } from './capture-range.ts';
import type { WaldumpExitError } from './errors.ts';
import type { WaldumpProgram, WaldumpSearch } from './find-waldump.ts';
import type { SegmentPosition } from './segments.ts';
import type { RecordOwner } from './transaction-filter.ts';
import type { WalDirectory } from './wal-directory.ts';
import type { WalRecord } from './wal-record.ts';

/**
 * The program's steps, one function each, so that the grader's broken variants can swap any
 * one of them for a wrong one. The first four are the lesson: the starter leaves them to you.
 * The others (finding pg_waldump and pg_wal, checking the version, explaining pg_waldump's
 * failures) are given, like the rest of the program (the pg_walinspect backend, naming
 * relations, printing).
 */
export interface LessonSteps {
  /** Run the statements in one transaction, bracketed by WAL positions. (capture-range.ts) */
  captureTransaction: CaptureTransaction;
  /** One line of pg_waldump output as a typed record. (waldump-parser.ts) */
  parseWaldumpLine(line: string): WalRecord;
  /** Whose record is it: the transaction's, background work's, another transaction's? (transaction-filter.ts) */
  classifyRecord(record: WalRecord, xid: number): RecordOwner;
  /** Which segment file holds a position, at which byte offset? (segments.ts) */
  segmentOf(lsn: Lsn, segmentSize: number, timeline: number): SegmentPosition;

  /** Given: where is pg_waldump? (find-waldump.ts) */
  findWaldump(search: WaldumpSearch): WaldumpProgram;
  /** Given: is it the server's major version? (find-waldump.ts) */
  checkWaldumpVersion(program: WaldumpProgram, versionOutput: string, serverMajor: number): number;
  /** Given: where is pg_wal, and can this user read it? (wal-directory.ts) */
  findWalDirectory(client: pg.Client, override?: { path: string; source: string }): Promise<WalDirectory>;
  /** Given: what did pg_waldump's failure mean? (waldump-failure.ts) */
  explainWaldumpFailure(failure: WaldumpExitError, range: WalRange, walDirectory: string): CdcLabError;
}
