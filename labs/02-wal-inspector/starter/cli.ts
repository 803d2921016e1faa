// Given: not part of the exercise. Read it in src/cli.ts.
export * from '../src/cli.ts';
