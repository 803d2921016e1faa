// Given: not part of the exercise. Read it in src/server.ts.
export * from '../src/server.ts';
