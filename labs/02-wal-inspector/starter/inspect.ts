// Given: not part of the exercise. Read it in src/inspect.ts.
export * from '../src/inspect.ts';
