// Given: not part of the exercise. Read it in src/capture-range.ts.
export * from '../src/capture-range.ts';
