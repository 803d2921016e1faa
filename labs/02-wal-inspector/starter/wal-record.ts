// Given: not part of the exercise. Read it in src/wal-record.ts.
export * from '../src/wal-record.ts';
