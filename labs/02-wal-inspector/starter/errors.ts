// Given: not part of the exercise. Read it in src/errors.ts.
export * from '../src/errors.ts';
