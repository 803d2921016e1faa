// Given: not part of the exercise. Read it in src/find-waldump.ts.
export * from '../src/find-waldump.ts';
