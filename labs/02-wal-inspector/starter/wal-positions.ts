export * from '../src/wal-positions.ts';
