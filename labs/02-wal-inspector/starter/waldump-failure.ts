// Given: not part of the exercise. Read it in src/waldump-failure.ts.
export * from '../src/waldump-failure.ts';
