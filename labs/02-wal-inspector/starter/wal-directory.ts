// Given: not part of the exercise. Read it in src/wal-directory.ts.
export * from '../src/wal-directory.ts';
